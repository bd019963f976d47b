/** Shared geometry so the lanes, the overview and the dstat strips line up on one time axis. */
export const GUTTER = 84;
export const LANE_H = 18;
export const AXIS_H = 22;
export const OVERVIEW_H = 44;
export const STRIP_H = 64;
