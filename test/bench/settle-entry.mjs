// What a program that only settles imports: the settle path of the bundle budget.
export { readRuleFile, settle, formatIssue } from '../../dist/index.js';
