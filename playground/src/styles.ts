/** Styles shared by the playground's shadow-DOM elements (tables, buttons, figures). */
import { css } from 'lit';

export const shared = css`
  :host {
    font-family: var(--font, system-ui, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif);
    color: var(--ink, #1d2733);
    font-size: 13px;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 3px 8px;
    border-bottom: 1px solid var(--rule, #e3e8ee);
    vertical-align: top;
  }
  th {
    font-weight: 600;
    color: var(--muted, #5b6b7c);
    position: sticky;
    top: 0;
    background: var(--panel, #fff);
    z-index: 1;
  }
  .num {
    text-align: right;
    font-family: var(--mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .negative {
    color: var(--red, #b42318);
  }
  .muted {
    color: var(--muted, #5b6b7c);
  }
  .mono {
    font-family: var(--mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
  }
  button {
    font: inherit;
    color: inherit;
  }
  button.link {
    background: none;
    border: none;
    padding: 0;
    color: var(--accent, #0b5cad);
    cursor: pointer;
    text-align: left;
  }
  button.link:hover {
    text-decoration: underline;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--focus, #2f80ed);
    outline-offset: 1px;
  }
  .ok {
    color: var(--green, #087443);
  }
  .bad {
    color: var(--red, #b42318);
  }
  .empty {
    padding: 16px;
    color: var(--muted, #5b6b7c);
  }
  /* A table drawn in part (virtual-rows.ts): every row one line of the host's --row-height. */
  table.virtual tbody tr {
    height: var(--row-height, 26px);
  }
  table.virtual td {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
`;
