import type { PollResult } from '#protocol/voting.ts';

/**
 * A cell as Excel should read it: quoted when needed, and text that Excel
 * would run as a formula (a label typed as "=..." or "+...") kept as text.
 */
function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function row(...cells: (string | number)[]): string {
  return cells.map(cell).join(',');
}

/** One poll's rows: a header and one row per option, then who chose what or every receipt with its choice. */
function resultLines(result: PollResult): string[] {
  const labelOf = (option: number) => result.tallies.find((tally) => tally.option === option)?.label ?? String(option);
  const lines = [row('Phương án', 'Số phiếu', 'Tỷ lệ (%)'), ...result.tallies.map((tally) => row(tally.label, tally.count, tally.percentOfBase))];
  if (result.namedChoices) {
    lines.push('', row('Đại biểu', 'Lựa chọn'), ...result.namedChoices.map((choice) => row(choice.name, labelOf(choice.option))));
  }
  if (result.receipts) {
    lines.push('', row('Mã phiếu', 'Lựa chọn'), ...result.receipts.map((choice) => row(choice.receipt, labelOf(choice.option))));
  }
  return lines;
}

/** UTF-8 with a byte-order mark and CRLF lines, so Excel shows Vietnamese correctly. */
function csvFile(lines: string[]): string {
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One poll's result as CSV. */
export function resultCsv(result: PollResult): string {
  return csvFile(resultLines(result));
}

/** Every closed poll of a meeting in one CSV, each section headed by the poll's title and outcome. */
export function meetingResultsCsv(results: PollResult[]): string {
  return csvFile(
    results.flatMap((result, index) => [
      ...(index > 0 ? [''] : []),
      row('Biểu quyết', result.title),
      row('Kết quả', result.passed === null ? '' : result.passed ? 'Thông qua' : 'Không thông qua'),
      ...resultLines(result),
    ]),
  );
}
