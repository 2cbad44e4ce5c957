/**
 * Everything scale-out mode (STORE=azure, docs/ARCHITECTURE.md §3) keeps in one Azure Storage account, built from its
 * connection string: move streams and small documents in Tables, bot state in Blobs (botbuilder's
 * BlobsStorage), and the leader lease that lets one instance run the sweep.
 *
 * `openAzureStorage` checks the configuration, builds the clients and creates what is missing (two
 * tables, two containers, the lease blob); every failure names the step and the fix and never shows the
 * connection string. It does not start the leader election: the composition root calls
 * `leader.start()` once it is ready to sweep, and `leader.stop()` on shutdown.
 */
import type { Logger } from '../../move/ports';
import { AzureKeyValueStore } from './azureKeyValueStore';
import { AzureTableMoveStore } from './azureTableMoveStore';
import { BlobLease, LeaderElection, type LeaderElectionOptions } from './blobLease';
import { assertUsableConnectionString, assertValidContainerName, containerClientFrom, ensureContainer } from './connection';

export interface AzureStorageConfig {
  /** AZURE_STORAGE_CONNECTION_STRING: account key or SAS (Table + Blob). Never logged. */
  connectionString: string;
  /** Table for the move event streams (default `moves`). */
  movesTable?: string;
  /** Table for conversation references and other small documents (default `keyvalues`). */
  keyValuesTable?: string;
  /** Container for bot state: conversation state, dialog stacks (default `bot-state`). */
  botStateContainer?: string;
  /** Container for the leader lease blob (default `leases`). */
  leaseContainer?: string;
  /** The blob whose lease elects the sweeping instance (default `sweep-leader`). */
  leaseBlob?: string;
  /** 15-60 s (default 30): how long a dead leader blocks the sweep at most. */
  leaseSeconds?: number;
  /** Tuning and hooks for the election (interval, onChange, injected clock and timers in tests). */
  election?: Omit<LeaderElectionOptions, 'log'>;
  log?: Logger;
}

export interface AzureStorage {
  /** MoveStore: one partition per move, appends as transactions on the stream's head. */
  moves: AzureTableMoveStore;
  /** KeyValueStore for conversation references, card ids, the notification channel. */
  keyValues: AzureKeyValueStore;
  /** The container for bot state; the Teams edge puts botbuilder's BlobsStorage on it (botbuilder stays in bot/). */
  botStateContainer: string;
  /** Run start() to take part in the election; the sweep runs only while isLeader(). */
  leader: LeaderElection;
  lease: BlobLease;
  /** Creates the tables, containers and the lease blob if missing (idempotent). */
  ensure(): Promise<void>;
}

/** Builds the clients without any request; throws AzureStorageError on bad configuration. */
export function createAzureStorage(config: AzureStorageConfig): AzureStorage {
  const { connectionString } = config;
  assertUsableConnectionString(connectionString);
  const botStateContainer = config.botStateContainer ?? 'bot-state';
  assertValidContainerName(botStateContainer);

  const moves = new AzureTableMoveStore(connectionString, config.movesTable ?? 'moves');
  const keyValues = new AzureKeyValueStore(connectionString, config.keyValuesTable ?? 'keyvalues');
  const botStateClient = containerClientFrom(connectionString, botStateContainer);
  const lease = new BlobLease(containerClientFrom(connectionString, config.leaseContainer ?? 'leases'), config.leaseBlob ?? 'sweep-leader', {
    leaseSeconds: config.leaseSeconds,
  });
  const leader = new LeaderElection(lease, { ...config.election, log: config.log });

  return {
    moves,
    keyValues,
    botStateContainer,
    leader,
    lease,
    async ensure(): Promise<void> {
      await Promise.all([moves.ensure(), keyValues.ensure(), ensureContainer(botStateClient), lease.ensure()]);
    },
  };
}

/** createAzureStorage + ensure(): what the composition root calls at startup. */
export async function openAzureStorage(config: AzureStorageConfig): Promise<AzureStorage> {
  const storage = createAzureStorage(config);
  await storage.ensure();
  return storage;
}
