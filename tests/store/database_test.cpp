// The SQLite plumbing: created and migrated, reopened, a newer schema refused, a broken file
// refused.
#include "store/database.h"

#include <fstream>

#include <gtest/gtest.h>

namespace mentorcal::store::sqlite {
namespace {

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("mentorcal-db-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(DatabaseTest, CreatesTheSchemaInWalMode) {
  Database db(dir_ / "s.sqlite3");
  EXPECT_EQ(db.schema_version(), Database::kSchemaVersion);
  auto q = db.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "wal");
  auto s = db.prepare("PRAGMA synchronous");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.integer(0), 2);  // FULL
  for (const char* table : {"meetings", "outbox", "replies", "pair_events", "audit"}) {
    auto t = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    t.bind(1, std::string_view(table));
    t.step();
    EXPECT_EQ(t.integer(0), 1) << table;
  }
}

TEST_F(DatabaseTest, ReopensWithoutMigratingTwice) {
  {
    Database db(dir_ / "s.sqlite3");
    db.exec("INSERT INTO audit (at, kind, subject, detail) VALUES (1, 'k', 's', 'd')");
  }
  Database db(dir_ / "s.sqlite3");
  auto q = db.prepare("SELECT count(*) FROM audit");
  q.step();
  EXPECT_EQ(q.integer(0), 1);
}

// The outbox as versions 1-5 had it: each message's bytes in its row.
constexpr std::string_view kVersion5Outbox =
    "DROP TABLE outbox_bytes; ALTER TABLE outbox ADD COLUMN bytes BLOB NOT NULL DEFAULT x'';";
// Without the partners' windows and requests, and the index on away dates (version 5).
constexpr std::string_view kVersion4Partners =
    "DROP TABLE partner_windows; DROP TABLE partner_requests; DROP INDEX partner_away_person;";

TEST_F(DatabaseTest, AVersion5StateKeepsItsMessagesInTheirOwnTable) {
  {
    Database db(dir_ / "s.sqlite3");
    db.exec(std::string(kVersion5Outbox) + "PRAGMA user_version = 5");
    db.exec(
        "INSERT INTO outbox (message_id, recipient, bytes, state, next_attempt, created) "
        "VALUES ('m1', 'a@example.org', x'0d0a41', 'pending', 1, 1)");
  }
  Database db(dir_ / "s.sqlite3");
  EXPECT_EQ(db.schema_version(), 6);
  auto q = db.prepare(
      "SELECT message_id, bytes FROM outbox JOIN outbox_bytes USING (id) ORDER BY message_id");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "m1");
  EXPECT_EQ(q.text(1), "\r\nA");
  EXPECT_FALSE(q.step());
  auto columns =
      db.prepare("SELECT count(*) FROM pragma_table_info('outbox') WHERE name = 'bytes'");
  columns.step();
  EXPECT_EQ(columns.integer(0), 0);  // a claim or a mark no longer rewrites the message
}

TEST_F(DatabaseTest, AVersion3StateGainsTheLinksTable) {
  {
    Database db(dir_ / "s.sqlite3");
    db.exec(std::string(kVersion5Outbox) + std::string(kVersion4Partners) +
            "DROP TABLE links; DROP TABLE partner_away; PRAGMA user_version = 3");
  }
  Database db(dir_ / "s.sqlite3");
  EXPECT_EQ(db.schema_version(), Database::kSchemaVersion);
  db.exec("INSERT INTO links (person, generation, token_hash, changed) VALUES ('a', 1, 'h', 0)");
}

TEST_F(DatabaseTest, AVersion4StateGainsPartnersWindowsAndRequests) {
  {
    Database db(dir_ / "s.sqlite3");
    db.exec(std::string(kVersion5Outbox) + std::string(kVersion4Partners) +
            "PRAGMA user_version = 4");
  }
  Database db(dir_ / "s.sqlite3");
  EXPECT_EQ(db.schema_version(), Database::kSchemaVersion);
  db.exec(
      "INSERT INTO partner_windows (person, windows, changed) VALUES ('a', 'Mon 09:00-10:00', 0)");
  db.exec(
      "INSERT INTO partner_requests (pair, person, kind, reason, word, asked) "
      "VALUES ('a-b', 'a', 'pause', 'other', '', 0)");
}

TEST_F(DatabaseTest, RefusesANewerSchema) {
  {
    Database db(dir_ / "s.sqlite3");
    db.exec("PRAGMA user_version = 99");
  }
  try {
    Database db(dir_ / "s.sqlite3");
    FAIL() << "opened a database from the future";
  } catch (const StoreError& e) {
    EXPECT_NE(
        std::string(e.what()).find("schema version 99, newer than this mentorcal understands"),
        std::string::npos)
        << e.what();
  }
}

TEST_F(DatabaseTest, RefusesAFileThatIsNotADatabase) {
  std::ofstream(dir_ / "s.sqlite3")
      << "this is not SQLite, just text that is long enough to have a header....";
  EXPECT_THROW(Database(dir_ / "s.sqlite3"), StoreError);
}

TEST_F(DatabaseTest, RefusesAnUnwritablePlace) {
  EXPECT_THROW(Database(dir_ / "no-such-dir" / "s.sqlite3"), StoreError);
}

TEST_F(DatabaseTest, TransactionsRollBackUnlessCommitted) {
  Database db(dir_ / "s.sqlite3");
  {
    Transaction tx(db);
    db.exec("INSERT INTO audit (at, kind, subject, detail) VALUES (1, 'k', 's', 'd')");
  }
  auto q = db.prepare("SELECT count(*) FROM audit");
  q.step();
  EXPECT_EQ(q.integer(0), 0);
}

TEST(StatePath, FollowsTheDesign) {
  EXPECT_EQ(state_path("/var/lib/x.sqlite3"), std::filesystem::path("/var/lib/x.sqlite3"));
  ::setenv("STATE_DIRECTORY", "/var/lib/mentorcal:/other", 1);
  EXPECT_EQ(state_path({}), std::filesystem::path("/var/lib/mentorcal/state.sqlite3"));
  ::unsetenv("STATE_DIRECTORY");
  EXPECT_EQ(state_path({}), std::filesystem::path("mentorcal-state.sqlite3"));
  // A PostgreSQL URL passes through as written, whatever STATE_DIRECTORY says.
  ::setenv("STATE_DIRECTORY", "/var/lib/mentorcal", 1);
  const std::filesystem::path url("postgresql://mentorcal@db.example.org/m?sslrootcert=/ca.pem");
  EXPECT_EQ(state_path(url).native(), url.native());
  ::unsetenv("STATE_DIRECTORY");
  EXPECT_TRUE(is_server_state(url));
  EXPECT_TRUE(is_server_state("postgres://m@db/m"));
  EXPECT_FALSE(is_server_state("/var/lib/postgresql/state.sqlite3"));
}

}  // namespace
}  // namespace mentorcal::store::sqlite
