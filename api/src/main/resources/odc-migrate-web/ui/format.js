// How numbers, times and states read on the page.

const number = new Intl.NumberFormat(undefined);
const oneDecimal = new Intl.NumberFormat(undefined, {maximumFractionDigits: 1});
const dateTime = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'medium'});
const time = new Intl.DateTimeFormat(undefined, {hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'});

export function formatNumber(value) {
  return number.format(value || 0);
}

/** 0 B, 655 B, 12.4 KB, 3.1 GB (1 KB = 1024 bytes). */
export function formatBytes(value) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let size = Math.max(0, value || 0);
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${(unit === 0 ? number : oneDecimal).format(size)} ${units[unit]}`;
}

export function formatDateTime(iso) {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function formatTime(iso) {
  return iso ? time.format(new Date(iso)) : '';
}

/** 0 s, 42 s, 3 min 05 s, 2 h 03 min 09 s. */
export function formatDuration(totalSeconds) {
  const seconds = Math.max(0, Math.floor(totalSeconds || 0));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n) => String(n).padStart(2, '0');
  if (h > 0) {
    return `${h} h ${two(m)} min ${two(s)} s`;
  }
  if (m > 0) {
    return `${m} min ${two(s)} s`;
  }
  return `${s} s`;
}

const STATUS = {
  PENDING: 'Pending',
  SCHEDULED: 'Scheduled',
  RUNNING: 'Running',
  PAUSED: 'Paused',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
  COPYING: 'Copying',
};

export function statusLabel(status) {
  return STATUS[status] || String(status || 'Unknown');
}

/** The phases in the order the portal shows them. */
export const PHASES = [
  ['PREPARATION', 'Preparation'],
  ['END_USERS', 'End users'],
  ['APP_DATA', 'App data'],
  ['VALIDATION', 'Validation'],
];

export function phaseLabel(phase) {
  const found = PHASES.find(([key]) => key === phase);
  return found ? found[1] : phase === 'FINISHED' ? 'Finished' : String(phase || '');
}

export function isFinal(status) {
  return status === 'COMPLETED' || status === 'FAILED' || status === 'CANCELLED';
}
