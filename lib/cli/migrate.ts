import { runCli } from './run';
import { prepareDatabase } from './prepare-database';

// npm run db:migrate — applies pending migrations to the embedded database or DATABASE_URL.
runCli(async () => {
  const { database } = await prepareDatabase({ seed: false });
  console.log('Cơ sở dữ liệu đã cập nhật (database is up to date).');
  await database.close();
  database.release();
});
