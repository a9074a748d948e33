/**
 * The Yangxi example's member units (rules/examples/yangxi.input.json) as CSV lines, for tests
 * that give the table as a CSV file: the header, then one line per member in input order.
 */
export const MEMBERS_HEADER = 'id,level,spending,weight';

export const MEMBER_LINES: readonly string[] = [
  'county-people,county,98000000.00,60',
  'county-tcm,county,41000000.00,25',
  'county-mch,county,24355971.20,15',
  'town-1,town,8600000.00,1830',
  'town-2,town,7100000.00,1520',
  'town-3,town,6200000.00,1210',
  'town-4,town,5900000.00,1105',
  'town-5,town,4800000.00,960',
  'town-6,town,4400000.00,875',
  'town-7,town,3700000.00,790',
  'town-8,town,3300000.00,710',
];
