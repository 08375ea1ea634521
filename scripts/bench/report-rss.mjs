// Preloaded into benchmark child processes: reports peak resident memory and CPU time when the process ends.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\nBENCH_CPU_US=${user + system}\n`);
});
