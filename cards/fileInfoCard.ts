/**
 * The FileInfoCard: the file the bot has put in the person's OneDrive, which they can open, preview or download.
 * Not an Adaptive Card: Teams draws it from the upload's `contentUrl`, `name`, `uniqueId` and `fileType`.
 */
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';

export interface FileInfoData {
  contentUrl: string;
  name: string;
  uniqueId: string;
  fileType: string;
}

export interface FileInfoAttachment {
  contentType: typeof FILE_INFO_CONTENT_TYPE;
  contentUrl: string;
  name: string;
  content: { uniqueId: string; fileType: string };
}

export function fileInfoCard(data: FileInfoData): FileInfoAttachment {
  return {
    contentType: FILE_INFO_CONTENT_TYPE,
    contentUrl: data.contentUrl,
    name: data.name,
    content: { uniqueId: data.uniqueId, fileType: data.fileType },
  };
}
