// Pure types: also bundled into the web UI.

/**
 * The `memory-tracker` artifact (JSON): the memory low points devstack's memory_tracker logged
 * (controller/logs/screen-memory_tracker.txt), for the timeline.
 *
 *   {"points": [{"time": "2016-06-28T13:22:41.000000+00:00",
 *                "low_point_kb": 6299900,            // MemAvailable at its new low
 *                "mem_total_kb": 8175420 | null,     // from the /proc/meminfo beside it
 *                "mem_available_kb": 6299900 | null,
 *                "top_processes": [{"pid": 2311, "rss_kb": 402112, "command": "/usr/sbin/mysqld"}, ...]}],
 *    "unplaced": [{"date_line": "2026年 11月 27日 金曜日 09:40:38 UTC" | null, "low_point_kb": …, …}]}
 *
 * One point per block that reported a low point, in the log's order (MemAvailable only falls from
 * one to the next); `top_processes` are the block's largest by RSS, at most five. A low point whose
 * time could not be read (neither its date line nor a journal prefix placed it) is in `unplaced`,
 * with its date line as written. Artifacts stored before `unplaced` existed lack the key.
 */
export interface MemoryLowPoint {
  time: string;
  low_point_kb: number;
  mem_total_kb: number | null;
  mem_available_kb: number | null;
  top_processes: { pid: number; rss_kb: number; command: string }[];
}

export interface UnplacedLowPoint extends Omit<MemoryLowPoint, 'time'> {
  /** The block's `date` line as written, null when it had none. */
  date_line: string | null;
}

export interface MemoryLowPoints {
  points: MemoryLowPoint[];
  unplaced?: UnplacedLowPoint[];
}
