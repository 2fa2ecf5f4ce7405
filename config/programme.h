// The validated model of one mentoring programme: what the admin's TOML file says (DESIGN.md §4),
// with every default filled in and every cross-reference checked. Plain values; built once by
// load_programme() and never changed afterwards.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/network.h"
#include "config/cadence.h"
#include "config/window.h"

namespace mentorcal::config {

using Date = std::chrono::year_month_day;

enum class Format { video, phone, in_person };
enum class PairStatus { active, paused, ended };
enum class EndReason { goals_met, not_compatible, lost_contact, other };
enum class Transport { smtp, directory };
enum class StartTls { required, off };
// What a partner may do on their own page (issue 15), beyond seeing their meetings: decline a
// meeting, give away dates, edit their weekly availability, answer the "continue?" question after
// the getting-to-know-you meeting, ask the admins to pause or end a pairing.
enum class Ability { decline, away, availability, continue_, pause_or_end };

// Return the word the config file uses for each value ("in-person", "goals-met", ...).
std::string_view to_string(Format f);
std::string_view to_string(PairStatus s);
std::string_view to_string(EndReason r);
std::string_view to_string(Transport t);
std::string_view to_string(StartTls s);
std::string_view to_string(Ability a);

// Where a secret comes from. Exactly one of the two is set, or neither when the daemon is to
// take it from $CREDENTIALS_DIRECTORY (systemd LoadCredential). Secrets are never inline.
struct Secret {
  std::filesystem::path file;  // absolute, or relative paths resolved against the config's folder
  std::string env;             // name of an environment variable
};

// An inclusive range of local dates on which a person cannot meet.
struct Away {
  Date from;
  Date to;
  std::string note;
};

// The terms a pair agreed; [agreement] gives the defaults, each pair may override any key.
struct Agreement {
  Cadence cadence;  // Default: 2/month
  Cadence minimum;  // Default: the cadence itself. Same period kind as `cadence`.
  std::chrono::minutes duration{60};
  std::chrono::minutes first_meeting{30};  // 0 = no getting-to-know-you meeting
  int min_months = 4;
  int review_after_months = 3;  // the agreement is reviewed this often; 0 = never
  Format format = Format::video;
  std::string location;  // may contain "{pair}", replaced by the pair id when mail is written
};

// Where a value was written in the programme file (1-based; 0: nowhere, a default), for the
// checks made after loading (check-config's warning for a language without a catalog).
struct Place {
  int line = 0;
  int column = 0;
};

struct Person {
  std::string id;  // [a-z0-9._-]+, unique
  std::string name;
  std::string email;
  std::string timezone;  // IANA name, known to the tz database. Default: programme timezone
  std::string language;  // BCP 47 tag (syntax checked), the letters' language. Default: programme's
  Place language_place;  // where `language` was written (the programme's when defaulted)
  std::vector<Window> available;  // weekly, local time
  std::vector<Away> away;
  std::string
      busy_calendar;  // https://, http:// or file:// (file paths made absolute); may be empty
  // Non-public networks the feed's redirects may go to (busy_calendar_redirects_to); empty: a
  // redirect to a non-public address other than the feed's own is refused.
  std::vector<base::Network> busy_calendar_redirects_to;
  std::optional<int> max_meetings_per_week;
  // What this person may do on their page ([web] abilities further limits it); nullopt: what
  // [web] allows.
  std::optional<std::vector<Ability>> web_abilities;
};

struct Pair {
  std::string id;      // Default: "<mentor>-<mentee>"
  std::string mentor;  // a Person id
  std::string mentee;  // a Person id, never the mentor
  Date started;
  std::optional<Date> ends;  // planned end, exclusive
  PairStatus status = PairStatus::active;
  std::optional<Date> ended_on;           // set when status == ended
  std::optional<EndReason> ended_reason;  // set when status == ended
  Agreement agreement;                    // [agreement] with this pair's overrides applied
};

// When the weekly admin digest goes out, in the programme's zone. Default: Mon 08:00.
struct Digest {
  bool enabled = true;
  std::chrono::weekday day = std::chrono::Monday;
  std::chrono::minutes time{8 * 60};
};

struct ProgrammeInfo {
  std::string name;
  std::string organiser_name;  // Default: the programme name
  std::string organiser_email;
  std::vector<std::string> admin_emails;
  std::string timezone;
  std::string language = "en";  // BCP 47 tag: the digest's language and each person's default
  Place language_place;
  // A SQLite file, or a PostgreSQL URL as written (config/state_url.h); empty: the daemon picks
  // $STATE_DIRECTORY or the working folder.
  std::filesystem::path state;
  // The PostgreSQL state's password (state_password_file / state_password_env, or the systemd
  // credential state-password); unused for SQLite.
  Secret state_password;
  Digest digest;
  bool nudges = true;
  // A tick running longer is killed by the daemon (`daemon --tick-deadline` overrides it).
  int tick_deadline_minutes = 5;
  // Where each tick writes its Prometheus metrics (node_exporter's textfile collector); empty:
  // none.
  std::filesystem::path metrics_file;
};

struct Scheduling {
  int horizon_weeks = 8;
  int min_notice_hours = 48;
  int slot_step_minutes = 15;
  int buffer_minutes = 10;
  int max_meetings_per_day = 2;
  int plan_every_minutes = 15;
};

struct Mail {
  Transport transport = Transport::directory;
  std::filesystem::path directory;  // Default: "outbox" beside the config file
};

struct Smtp {
  std::string url;  // smtp://host[:port] or smtps://host[:port]
  StartTls starttls = StartTls::required;
  std::string username;  // empty: no AUTH
  Secret password;
  std::filesystem::path ca_file;
  int timeout_seconds = 30;
};

struct Imap {
  std::string url;  // imap://host[:port]/MAILBOX or imaps://...
  std::string username;
  Secret password;
  StartTls starttls = StartTls::required;
  std::filesystem::path ca_file;
  int poll_minutes = 5;
};

// [web]: the partners' pages (`mentorcal web`, issue 15).
struct Web {
  // Where partners' links point: https://host[:port][/path] (http:// only for a loopback host).
  // Empty (no [web]): letters carry no link.
  std::string base_url;
  std::string listen = "127.0.0.1:8080";  // address:port or [v6]:port
  // The key links are derived from (32 random bytes; app/links.h): link_key_file, else the systemd
  // credential "link-key", else "<state>.link-key" beside a SQLite state (made on first use).
  std::filesystem::path link_key_file;
  // "user:password-hash" lines for /admin: admin_credentials_file, else the credential
  // "web-admin"; neither: no /admin.
  std::filesystem::path admin_credentials_file;
  std::vector<Ability> abilities{Ability::decline, Ability::away, Ability::availability,
                                 Ability::continue_, Ability::pause_or_end};  // programme-wide
};

struct Programme {
  std::filesystem::path source;  // the file it was read from
  ProgrammeInfo programme;
  Scheduling scheduling;
  Agreement agreement;  // the defaults, before any pair's overrides
  Mail mail;
  std::optional<Smtp> smtp;  // present when [smtp] is; required when transport = smtp
  std::optional<Imap> imap;
  std::optional<Web> web;  // present when [web] is
  std::vector<Person> people;
  std::vector<Pair> pairs;

  // Return the person with this id, or nullptr. O(1) for ids indexed by index(); any other id
  // (a programme built or changed by hand since) costs a scan.
  const Person* person(std::string_view id) const;
  // Return the pair with this id, or nullptr. As person().
  const Pair* pair(std::string_view id) const;

  // Index people and pairs by id for person() and pair(). load_programme() calls it; call it
  // again after adding people or pairs, or changing ids, to keep the look-ups O(1). Copies keep
  // the index (it holds positions, not addresses).
  void index();

  // Positions in `people` and `pairs` by id, as index() last saw them; the first of duplicates.
  std::unordered_map<std::string, std::size_t> person_positions;
  std::unordered_map<std::string, std::size_t> pair_positions;
};

}  // namespace mentorcal::config
