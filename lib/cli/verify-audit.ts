import { closeDb } from '@/lib/db';
import { describeChainProblem, verifyAuditChain } from '@/lib/audit/verify-chain';
import { StartupError } from '@/lib/db/startup-error';
import { runCli } from './run';

// npm run audit:verify [-- --head SEQ:HASH] — checks the audit log's hash chain (decision 020) on the
// configured database and prints its head; keep the head somewhere else (the month's report, the
// inspector's notes) and pass it next time, so that even a rewritten chain is caught. Exit 1 if broken.

function parseHead(argv: string[]): { seq: bigint; hash: string } | undefined {
  const index = argv.indexOf('--head');
  if (index < 0) return undefined;
  const match = /^(\d+):([0-9a-f]{64})$/.exec(argv[index + 1] ?? '');
  if (!match) throw new StartupError('--head phải có dạng SEQ:HASH, ví dụ 1234:ab12… (64 ký tự hex) (--head must be SEQ:HASH).');
  return { seq: BigInt(match[1]), hash: match[2] };
}

runCli(async () => {
  const expectHead = parseHead(process.argv.slice(2));
  try {
    const report = await verifyAuditChain({ expectHead });
    for (const problem of report.problems) console.log(describeChainProblem(problem));
    const head = report.head ? `${report.head.seq}:${report.head.hash}` : '(trống / empty)';
    console.log(`Đầu chuỗi (head): ${head}`);
    if (report.problems.length > 0) {
      console.log(`Nhật ký đã bị can thiệp: ${report.problems.length} chỗ hỏng trong ${report.links} mắt xích (the audit log was tampered with).`);
      return 1;
    }
    console.log(`Nhật ký nguyên vẹn: ${report.links} mục, chuỗi băm khớp (the audit log is intact).`);
    return 0;
  } finally {
    await closeDb();
  }
});
