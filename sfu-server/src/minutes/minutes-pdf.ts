import type { PollRule } from '#protocol/voting.ts';
import { PdfWriter } from '../documents/pdf-writer.ts';
import type { MinutesData, MinutesPoll, MinutesSpeaker } from './minutes-data.ts';

const ZONE = 'Asia/Ho_Chi_Minh';

function vietnamParts(iso: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return { day: parts.day ?? '', month: parts.month ?? '', year: parts.year ?? '', hour: parts.hour ?? '', minute: parts.minute ?? '' };
}

/** "ngày 22 tháng 11 năm 2026", as administrative documents write dates. */
export function vietnameseDate(iso: string): string {
  const { day, month, year } = vietnamParts(iso);
  return `ngày ${day} tháng ${month} năm ${year}`;
}

/** The pass rule in words: "quá 1/2 tổng số đại biểu", "ít nhất 2/3 số đại biểu có mặt"… */
export function ruleInWords(rule: PollRule): string {
  const comparison = rule.comparison === 'more_than' ? 'quá' : 'ít nhất';
  const base = { all_delegates: 'tổng số đại biểu', present_delegates: 'số đại biểu có mặt', votes_cast: 'số phiếu biểu quyết' }[rule.base];
  return `${comparison} ${rule.numerator}/${rule.denominator} ${base}`;
}

const SPEECH = { speech: 'phát biểu', debate: 'tranh luận', question: 'chất vấn' } as const;
const PRESENCE = { present_hall: 'có mặt tại hội trường', present_remote: 'có mặt trực tuyến', absent: 'vắng mặt' } as const;

function duration(seconds: number | null): string {
  if (seconds === null) return '';
  return ` (${Math.floor(seconds / 60)} phút ${seconds % 60} giây)`;
}

function speakers(writer: PdfWriter, list: MinutesSpeaker[]): void {
  if (list.length === 0) return writer.text('Không có đại biểu đăng ký phát biểu.', { indent: true, style: 'italic' });
  list.forEach((speaker, index) => writer.text(`${index + 1}. Đại biểu ${speaker.name} ${SPEECH[speaker.kind]}${duration(speaker.seconds)}.`, { indent: true }));
}

function poll(writer: PdfWriter, entry: MinutesPoll): void {
  const mode = entry.mode === 'secret' ? 'bỏ phiếu kín' : 'biểu quyết công khai';
  writer.text(`Biểu quyết: ${entry.title} (${mode}; điều kiện thông qua: ${ruleInWords(entry.rule)}).`, { indent: true, style: 'bold' });
  if (entry.status === 'cancelled') {
    writer.text(`Đã hủy${entry.cancelReason ? `, lý do: ${entry.cancelReason}` : ''}.`, { indent: true });
    return;
  }
  const result = entry.result;
  if (!result) return writer.text('Chưa kết thúc biểu quyết.', { indent: true, style: 'italic' });
  writer.text(`Số đại biểu có quyền biểu quyết: ${result.eligible}; có mặt: ${result.present}; số phiếu biểu quyết: ${result.cast}.`, { indent: true });
  for (const tally of result.tallies) {
    writer.text(`– ${tally.label}: ${tally.count} phiếu, bằng ${tally.percentOfBase.toLocaleString('vi-VN')}%.`, { indent: true });
  }
  if (result.paperReport) {
    const report = result.paperReport;
    writer.text(`Phiếu phát ra: ${report.issued}; thu vào: ${report.returned}; hợp lệ: ${report.valid}; không hợp lệ: ${report.invalid}.`, { indent: true });
  }
  if (result.passed !== null) {
    writer.text(`Kết quả: ${result.passed ? 'THÔNG QUA' : 'KHÔNG THÔNG QUA'} (cần ${result.required} phiếu tán thành trên ${result.base}).`, { indent: true, style: 'bold' });
  }
}

/**
 * The session minutes (biên bản) in Vietnamese administrative layout: the
 * meeting, attendance, agenda with speakers and polls per item, and the
 * audit fingerprint that ties the document to the tamper-evident record.
 */
export async function renderMinutes(data: MinutesData): Promise<Uint8Array> {
  const { meeting } = data;
  const writer = await PdfWriter.create({ title: `Biên bản: ${meeting.title}`, author: meeting.body, subject: 'Biên bản kỳ họp' });
  const issuer = /^hội đồng nhân dân/i.test(meeting.body)
    ? ['HỘI ĐỒNG NHÂN DÂN', meeting.body.replace(/^hội đồng nhân dân\s*/i, '').toLocaleUpperCase('vi')]
    : [meeting.body.toLocaleUpperCase('vi')];
  const place = meeting.location.split(',').at(-1)?.trim() ?? '';
  writer.nationalHeading({ issuer, number: 'Số:      /BB-HĐND', placeAndDate: `${place}, ${vietnameseDate(meeting.startsAt)}` });
  writer.text('BIÊN BẢN', { style: 'bold', align: 'center', size: 14, spaceAfter: 2 });
  writer.text(meeting.title, { style: 'bold', align: 'center', size: 13.5, spaceAfter: 18 });

  const start = vietnamParts(meeting.startsAt);
  writer.text('I. THỜI GIAN, ĐỊA ĐIỂM', { style: 'bold', align: 'left' });
  writer.text(`Thời gian: ${start.hour} giờ ${start.minute}, ${vietnameseDate(meeting.startsAt)}.`, { indent: true });
  writer.text(`Địa điểm: ${meeting.location}.`, { indent: true });
  writer.text(`Chủ tọa: ${data.chairs.join(', ') || '—'}. Thư ký: ${data.secretaries.join(', ') || '—'}.`, { indent: true });

  const present = data.attendance.filter((entry) => entry.status === 'present_hall' || entry.status === 'present_remote');
  const absent = data.attendance.filter((entry) => entry.status === 'absent' || entry.status === null);
  writer.text('II. THÀNH PHẦN THAM DỰ', { style: 'bold', align: 'left' });
  writer.text(`Tổng số đại biểu: ${data.attendance.length}; có mặt: ${present.length}; vắng mặt: ${absent.length}.`, { indent: true });
  for (const entry of data.attendance) {
    const status = entry.status ? PRESENCE[entry.status as keyof typeof PRESENCE] : 'chưa điểm danh';
    writer.text(`– ${entry.name}: ${status}${entry.reason ? ` (${entry.reason})` : ''}.`, { indent: true });
  }

  writer.text('III. NỘI DUNG KỲ HỌP', { style: 'bold', align: 'left' });
  data.items.forEach((item, index) => {
    writer.text(`${index + 1}. ${item.title}`, { style: 'bold', align: 'left' });
    if (item.presenter) writer.text(`Trình bày: ${item.presenter}.`, { indent: true });
    speakers(writer, item.speakers);
    for (const entry of item.polls) poll(writer, entry);
  });
  if (data.otherSpeakers.length || data.otherPolls.length) {
    writer.text(`${data.items.length + 1}. Nội dung khác`, { style: 'bold', align: 'left' });
    if (data.otherSpeakers.length) speakers(writer, data.otherSpeakers);
    for (const entry of data.otherPolls) poll(writer, entry);
  }

  writer.text('IV. XÁC THỰC', { style: 'bold', align: 'left' });
  writer.text(
    `Biên bản được lập từ nhật ký kiểm toán có ${data.auditEntries} mục. Dấu vết kiểm toán (mã băm cuối chuỗi): ${data.auditHead}. ` +
      `Kết quả biểu quyết được ký số bằng khóa máy chủ có dấu vân tay SHA-256: ${data.keyFingerprint}.`,
    { indent: true, size: 11 },
  );
  writer.space(12);
  writer.signatures({ title: 'THƯ KÝ', name: data.secretaries[0] ?? '' }, { title: 'CHỦ TỌA', name: data.chairs[0] ?? '' });
  return writer.save();
}
