import { runCli } from './run';
import { prepareDatabase } from './prepare-database';

// npm run db:seed — migrates, then loads the demo data if the database is empty.
runCli(async () => {
  const { database, seeded } = await prepareDatabase({ seed: true });
  if (!seeded) console.log('Cơ sở dữ liệu đã có dữ liệu; không nạp dữ liệu mẫu (the database already has data).');
  await database.close();
  database.release();
});
