/** A dstat CSV (`dstat -tcmndrylpg --tcp`, as devstack ran it) with a row a second from `startMs` to `endMs`. */
export function dstatCsv(startMs: number, endMs: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const rows = [];
  for (let t = startMs; t < endMs; t += 1000) {
    const d = new Date(t);
    const stamp = `${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    const u = 40 + 30 * Math.sin(t / 60000);
    rows.push(
      `${stamp},${u.toFixed(3)},${(u / 4).toFixed(3)},${(100 - u * 1.25).toFixed(3)},1.5,0,${5e9 + (t - startMs)},1e9,2e8,1e9,${(t % 7919) * 10},${(t % 3001) * 10},0,${(t % 4099) * 1000},0,50,4000,9000,3,2,1,4,0,10,0,0,38,110,0,57,0`,
    );
  }
  const date = new Date(startMs).toUTCString().slice(5, 25);
  return [
    '"Dstat 0.7.3 CSV output"',
    '"Author:","Dag Wieers <dag@wieers.com>",,,,"URL:","http://dag.wieers.com/home-made/dstat/"',
    '"Host:","bench",,,,"User:","stack"',
    `"Cmdline:","dstat -tcmndrylpg --tcp --output dstat-csv.log",,,,"Date:","${date} UTC"`,
    '"system","total cpu usage",,,,,"memory usage",,,,"net/total",,"dsk/total",,"io/total",,"system",,"load avg",,,"procs",,,"paging",,"tcp sockets",,,,',
    '"time","usr","sys","idl","wai","stl","used","free","buff","cach","recv","send","read","writ","read","writ","int","csw","1m","5m","15m","run","blk","new","in","out","lis","act","syn","tim","clo"',
    ...rows,
  ].join('\n');
}
