// Preloaded into benchmark child processes: reports peak resident memory when the process ends.
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
