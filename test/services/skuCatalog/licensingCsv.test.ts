import assert from 'node:assert/strict';
import { LICENSING_CSV_COLUMNS, LicensingCsvError, parseLicensingCsv } from '../../../services/skuCatalog/licensingCsv';

const HEADER = LICENSING_CSV_COLUMNS.join(',');
const E3 = 'Microsoft 365 E3,SPE_E3,05e9a617-0261-4cee-bb44-138d3ef5d965,TEAMS1,57ff2da0-773e-42df-b2af-ffb7a2317929,Microsoft Teams';
const EXO = 'Microsoft 365 E3,SPE_E3,05e9a617-0261-4cee-bb44-138d3ef5d965,EXCHANGE_S_ENTERPRISE,efb87545-963c-4e0d-99df-69c6916d9eb0,Exchange Online (Plan 2)';

function thrown(text: string): LicensingCsvError {
  try {
    parseLicensingCsv(text);
  } catch (error) {
    assert.ok(error instanceof LicensingCsvError, `expected a LicensingCsvError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the parser to throw');
}

describe('licensing CSV parser', () => {
  it('reads CRLF rows into SkuCatalogRows, ignoring a BOM and trailing empty lines', () => {
    const rows = parseLicensingCsv(`\uFEFF${HEADER}\r\n${E3}\r\n${EXO}\r\n\r\n\r\n`);
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[0], {
      productDisplayName: 'Microsoft 365 E3',
      stringId: 'SPE_E3',
      guid: '05e9a617-0261-4cee-bb44-138d3ef5d965',
      servicePlanName: 'TEAMS1',
      servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929',
      servicePlanFriendlyName: 'Microsoft Teams',
    });
  });

  it('accepts LF and lone CR line ends and a last line without a line end', () => {
    assert.equal(parseLicensingCsv(`${HEADER}\n${E3}\n${EXO}`).length, 2);
    assert.equal(parseLicensingCsv(`${HEADER}\r${E3}\r${EXO}\r`).length, 2);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = [
      HEADER,
      '"Dynamics 365 Field Service, Enterprise Edition - Resource Scheduling Optimization",CRM_AUTO_ROUTING_ADDON,977464c4-bfaf-4b67-b761-a9bb735a2196,CRM_AUTO_ROUTING_ENGINE_ADDON,24435e4b-87d0-4d7d-8beb-63a9b1573022,"Field Service – ""Automated"" Routing, Engine"',
      '"Two\r\nlines",X,d2dea78b-507c-4e56-b400-39447f4738f8,"",a7c70a41-5e02-4271-93e6-d9b4184d83f5,""',
      E3,
    ].join('\r\n');
    const rows = parseLicensingCsv(text);
    assert.equal(rows.length, 3);
    assert.equal(rows[0].productDisplayName, 'Dynamics 365 Field Service, Enterprise Edition - Resource Scheduling Optimization');
    assert.equal(rows[0].servicePlanFriendlyName, 'Field Service – "Automated" Routing, Engine');
    assert.equal(rows[1].productDisplayName, 'Two\r\nlines');
    assert.equal(rows[1].servicePlanName, '');
    assert.equal(rows[2].stringId, 'SPE_E3');
  });

  it('finds columns by name (any order, any case, extra columns) and trims cells, non-breaking spaces included', () => {
    const text = 'Extra,service_plan_id,GUID,String_Id,Product_Display_Name,Service_Plan_Name,Service_Plans_Included_Friendly_Names\r\n' +
      'x,57FF2DA0-773E-42DF-B2AF-FFB7A2317929, 420c7602-7f70-4895-9394-d3d679ea36fb\u00a0,MCOCAP_FACULTY\u00a0,Teams Shared Devices for Faculty,TEAMS1,Microsoft Teams\r\n';
    const [row] = parseLicensingCsv(text);
    assert.equal(row.guid, '420c7602-7f70-4895-9394-d3d679ea36fb');
    assert.equal(row.stringId, 'MCOCAP_FACULTY');
    assert.equal(row.servicePlanId, '57ff2da0-773e-42df-b2af-ffb7a2317929');
  });

  it('tolerates trailing empty fields (a spreadsheet export) and keeps a stray quote inside an unquoted field', () => {
    const rows = parseLicensingCsv(`${HEADER},,\r\n${E3},,\r\nSurface 5" hub,HUB,d2dea78b-507c-4e56-b400-39447f4738f8,P,a7c70a41-5e02-4271-93e6-d9b4184d83f5,F\r\n`);
    assert.equal(rows.length, 2);
    assert.equal(rows[1].productDisplayName, 'Surface 5" hub');
  });

  it('names the missing columns when the text is not the table', () => {
    const missing = thrown('Product_Display_Name,String_Id,Service_Plan_Name\r\na,b,c\r\n');
    assert.match(missing.message, /lacks the columns GUID, Service_Plan_Id, Service_Plans_Included_Friendly_Names/);
    assert.match(missing.message, /Found: Product_Display_Name, String_Id, Service_Plan_Name/);
    assert.equal(missing.line, 1);
    const html = thrown('<!DOCTYPE html>\n<html><body>Sorry, that page was not found.</body></html>\n');
    assert.match(html.message, /not Microsoft's licensing table/);
    assert.match(html.message, /GUID/);
  });

  it('refuses an empty text and a header without rows', () => {
    assert.match(thrown('').message, /empty/);
    assert.match(thrown('\uFEFF\r\n\r\n').message, /empty/);
    assert.match(thrown(`${HEADER}\r\n\r\n`).message, /no rows/);
  });

  it('gives the line of a row with the wrong number of fields', () => {
    const error = thrown(`${HEADER}\r\n${E3}\r\nMicrosoft 365 E3,SPE_E3,05e9a617-0261-4cee-bb44-138d3ef5d965,TEAMS1\r\n`);
    assert.equal(error.line, 3);
    assert.match(error.message, /Line 3 .*4 fields where the header has 6/);
    assert.match(thrown(`${HEADER}\r\n${E3},unexpected\r\n`).message, /Line 2 .*7 fields/);
  });

  it('gives the line of a row whose GUID or Service_Plan_Id is not a GUID', () => {
    const badGuid = thrown(`${HEADER}\r\n${E3}\r\n${EXO}\r\nName,ID,not-a-guid,P,57ff2da0-773e-42df-b2af-ffb7a2317929,F\r\n`);
    assert.equal(badGuid.line, 4);
    assert.match(badGuid.message, /Line 4 .*GUID "not-a-guid" is not a GUID/);
    assert.match(thrown(`${HEADER}\r\nName,ID,05e9a617-0261-4cee-bb44-138d3ef5d965,P,,F\r\n`).message, /Line 2 .*Service_Plan_Id "" is not a GUID/);
  });

  it('counts lines inside quoted fields, and reports unclosed quotes and text after a closing quote', () => {
    const afterMultiline = thrown(`${HEADER}\r\n"a\r\nb",X,d2dea78b-507c-4e56-b400-39447f4738f8,P,a7c70a41-5e02-4271-93e6-d9b4184d83f5,F\r\nshort,row\r\n`);
    assert.equal(afterMultiline.line, 4);
    const unclosed = thrown(`${HEADER}\r\n${E3}\r\n"never closed,X,Y\r\n`);
    assert.equal(unclosed.line, 3);
    assert.match(unclosed.message, /never closed/);
    const trailing = thrown(`${HEADER}\r\n"quoted"text,X,d2dea78b-507c-4e56-b400-39447f4738f8,P,a7c70a41-5e02-4271-93e6-d9b4184d83f5,F\r\n`);
    assert.equal(trailing.line, 2);
    assert.match(trailing.message, /after the closing quote/);
  });
});
