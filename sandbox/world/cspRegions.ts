/**
 * CSP regional markets (Microsoft "Cloud Solution Provider program regional markets and currencies",
 * learn.microsoft.com/partner-center/regional-authorization-overview, 2018 edition). A customer may accept a reseller
 * relationship only from a partner whose region contains the customer tenant's country.
 */

export const CSP_REGIONS: Readonly<Record<string, readonly string[]>> = {
  Africa: ['AO', 'BJ', 'BW', 'BF', 'BI', 'CM', 'CV', 'CF', 'TD', 'KM', 'CG', 'CD', 'CI', 'DJ', 'GQ', 'ER', 'ET', 'PF', 'GA', 'GM', 'GH', 'GN', 'GW', 'KE', 'LR', 'MG', 'MW', 'ML', 'MU', 'YT', 'NA', 'NC', 'NE', 'NG', 'RE', 'RW', 'ST', 'SN', 'SC', 'SL', 'SO', 'SS', 'SH', 'TZ', 'TG', 'UG', 'ZM'],
  'Asia Pacific': ['BD', 'BT', 'BN', 'KH', 'HK', 'ID', 'LA', 'MO', 'MY', 'MV', 'MM', 'NP', 'PH', 'SG', 'LK', 'TH', 'TL', 'VN'],
  Australia: ['AU', 'CX', 'CC', 'CK', 'FJ', 'TF', 'GU', 'HM', 'KI', 'MH', 'FM', 'NR', 'NU', 'NF', 'MP', 'PW', 'PG', 'PN', 'SB', 'TK', 'TO', 'TV', 'WF'],
  Brazil: ['BR'],
  Canada: ['CA', 'PM'],
  Europe: ['AX', 'AD', 'AT', 'BE', 'BV', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FO', 'FI', 'FR', 'DE', 'GI', 'GR', 'GL', 'GG', 'HU', 'IS', 'IE', 'IM', 'IT', 'JE', 'LV', 'LI', 'LT', 'LU', 'MT', 'MC', 'NL', 'NO', 'PL', 'PT', 'RO', 'SM', 'SK', 'SI', 'ES', 'SJ', 'SE', 'CH', 'GB', 'VA'],
  India: ['IN'],
  Japan: ['JP'],
  Korea: ['KR'],
  'Latin America and Caribbean': ['AI', 'AQ', 'AG', 'AR', 'AW', 'BS', 'BB', 'BZ', 'BM', 'BO', 'BQ', 'VG', 'KY', 'CL', 'CO', 'CR', 'CW', 'DM', 'DO', 'EC', 'SV', 'FK', 'GF', 'GD', 'GP', 'GT', 'GY', 'HT', 'HN', 'JM', 'MQ', 'MX', 'MS', 'NI', 'PA', 'PY', 'PE', 'PR', 'BL', 'KN', 'LC', 'MF', 'VC', 'SX', 'GS', 'SR', 'TT', 'TC', 'UY', 'VE', 'VI'],
  'Middle East, Central and Eastern Europe': ['AF', 'AL', 'DZ', 'AM', 'AZ', 'BH', 'BY', 'BA', 'IO', 'EG', 'GE', 'IQ', 'IL', 'JO', 'KZ', 'XK', 'KW', 'KG', 'LB', 'LS', 'LY', 'MK', 'MR', 'MD', 'MN', 'ME', 'MA', 'MZ', 'OM', 'PK', 'PS', 'QA', 'SA', 'RS', 'ZA', 'SZ', 'TJ', 'TN', 'TR', 'TM', 'UA', 'AE', 'UZ', 'YE', 'ZW'],
  'New Zealand': ['AS', 'NZ', 'WS', 'VU'],
  Russia: ['RU'],
  Taiwan: ['TW'],
  'United States': ['US', 'UM'],
};

/** The region that contains a country (ISO alpha-2), or null when the table does not list it. */
export function cspRegionOf(country: string): string | null {
  const wanted = country.toUpperCase();
  for (const [region, countries] of Object.entries(CSP_REGIONS)) {
    if (countries.includes(wanted)) return region;
  }
  return null;
}

export function countriesInRegionOf(country: string): readonly string[] {
  const region = cspRegionOf(country);
  return region ? CSP_REGIONS[region] : [];
}
