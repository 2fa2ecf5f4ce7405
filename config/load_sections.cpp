// [programme], [scheduling], [mail], [smtp], [imap] and the helpers they share.
#include "config/load_sections.h"

#include <algorithm>
#include <cctype>

#include <date/tz.h>
#include <fmt/format.h>

#include "base/network.h"
#include "config/address.h"
#include "config/enum_names.h"
#include "config/language.h"
#include "config/state_url.h"
#include "config/url.h"

namespace mentorcal::config {
namespace {

// Return whether `text` is "IPv4:port" or "[IPv6]:port" with a port from 1 to 65535.
bool is_listen_address(std::string_view text) {
  std::string_view host;
  std::string_view port;
  if (text.starts_with('[')) {
    const auto close = text.find("]:");
    if (close == std::string_view::npos) return false;
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
    if (host.find(':') == std::string_view::npos || host.find('/') != std::string_view::npos ||
        !base::parse_network(host))
      return false;
  } else {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || text.find(':', colon + 1) != std::string_view::npos)
      return false;
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.find('/') != std::string_view::npos || !base::parse_network(host)) return false;
  }
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string_view::npos)
    return false;
  const int value = std::stoi(std::string(port));
  return value >= 1 && value <= 65535;
}

// Return true when `name` can be an environment variable's name.
bool is_env_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  for (const char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// Check a server URL: one of `schemes`, a host, and for cleartext-capable schemes with
// starttls = "off", a loopback host.
std::optional<Url> read_server_url(TableReader& r,
                                   std::initializer_list<std::string_view> schemes) {
  const auto text = r.text("url", Need::required);
  if (!text) return std::nullopt;
  auto url = parse_url(*text);
  if (!url) {
    r.error("url",
            fmt::format("\"{}\" is not a server URL like {}://host:port", *text, *schemes.begin()));
    return std::nullopt;
  }
  if (std::find(schemes.begin(), schemes.end(), url->scheme) == schemes.end()) {
    std::string choices;
    for (const auto s : schemes)
      choices += fmt::format("{}{}://", choices.empty() ? "" : " or ", s);
    r.error("url",
            fmt::format("the scheme \"{}\" is not supported here: use {}", url->scheme, choices));
    return std::nullopt;
  }
  return url;
}

// Refuse starttls = "off" unless the server is on this machine (DESIGN.md §4).
StartTls read_starttls(TableReader& r, const std::optional<Url>& url,
                       std::string_view cleartext_scheme) {
  const auto starttls = read_enum<StartTls>(r, "starttls").value_or(StartTls::required);
  if (starttls == StartTls::off && url && url->scheme == cleartext_scheme &&
      !is_loopback_host(url->host)) {
    r.error("starttls",
            fmt::format("\"off\" would send the password in clear text to {}: it is only "
                        "allowed for a loopback host (localhost, 127.0.0.1, ::1)",
                        url->host));
  }
  return starttls;
}

}  // namespace

std::filesystem::path Loader::read_path(TableReader& r, std::string_view key) {
  const auto text = r.text(key);
  if (!text) return {};
  if (text->empty()) {
    r.error(key, "is empty: give a path or leave the key out");
    return {};
  }
  std::filesystem::path p(*text);
  return (p.is_absolute() ? p : base_dir_ / p).lexically_normal();
}

std::optional<std::string> Loader::read_timezone(TableReader& r, std::string_view key, Need need) {
  auto name = r.text(key, need);
  if (!name) return std::nullopt;
  try {
    date::locate_zone(*name);
  } catch (const std::exception&) {
    r.error(key, fmt::format("\"{}\" is not a time zone of the tz database (use a name like "
                             "\"Europe/London\" or \"Asia/Kolkata\")",
                             *name));
    return std::nullopt;
  }
  return name;
}

void Loader::read_language(TableReader& r, std::string& language, Place& place) {
  const auto tag = r.text("language");
  if (!tag) return;
  if (!is_language_tag(*tag)) {
    r.error("language", fmt::format("\"{}\" is not a BCP 47 language tag (use one like \"en\", "
                                    "\"es\" or \"pt-BR\")",
                                    *tag));
    return;
  }
  language = *tag;
  const auto& begin = r.node("language")->source().begin;
  place = {r.report().line(begin), static_cast<int>(begin.column)};
}

std::optional<std::string> Loader::read_email(TableReader& r, std::string_view key, Need need) {
  auto address = r.text(key, need);
  if (address && !is_email_address(*address)) {
    r.error(key, fmt::format("\"{}\" is not an e-mail address like name@example.org", *address));
    return std::nullopt;
  }
  return address;
}

Secret Loader::read_secret(TableReader& r) {
  Secret secret;
  secret.file = read_path(r, "password_file");
  if (auto env = r.text("password_env")) {
    if (!is_env_name(*env)) {
      r.error("password_env", fmt::format("\"{}\" is not an environment variable name", *env));
    }
    secret.env = *env;
  }
  if (!secret.file.empty() && !secret.env.empty()) {
    r.error("password_env", "give password_file or password_env, not both");
  }
  return secret;
}

void Loader::read_programme(TableReader& r, ProgrammeInfo& info) {
  info.name = r.text("name", Need::required).value_or("");
  info.organiser_name = r.text("organiser_name").value_or(info.name);
  info.organiser_email = read_email(r, "organiser_email", Need::required).value_or("");
  if (const auto* admins = r.array("admin_emails")) {
    for (const auto& n : *admins) {
      const auto* s = n.as_string();
      if (!s || !is_email_address(s->get())) {
        report_.error(n.source(),
                      fmt::format("{}: {} is not an e-mail address", r.name("admin_emails"),
                                  s ? fmt::format("\"{}\"", s->get()) : type_name(n)));
        continue;
      }
      info.admin_emails.push_back(s->get());
    }
  }
  info.timezone = read_timezone(r, "timezone", Need::required).value_or("UTC");
  read_language(r, info.language, info.language_place);
  if (const auto state = r.text("state"); state && is_state_url(*state)) {
    if (const auto problem = state_url_problem(*state)) {
      r.error("state", *problem);
    } else {
      info.state = *state;
    }
  } else {
    info.state = read_path(r, "state");
  }
  info.state_password.file = read_path(r, "state_password_file");
  if (auto env = r.text("state_password_env")) {
    if (!is_env_name(*env)) {
      r.error("state_password_env",
              fmt::format("\"{}\" is not an environment variable name", *env));
    }
    info.state_password.env = *env;
  }
  if (!info.state_password.file.empty() && !info.state_password.env.empty()) {
    r.error("state_password_env", "give state_password_file or state_password_env, not both");
  }
  if (const auto digest = r.text("digest")) {
    if (*digest == "off") {
      info.digest.enabled = false;
    } else if (const auto when = parse_weekly_time(*digest)) {
      info.digest = Digest{true, when->day, when->time};
    } else {
      r.error("digest", fmt::format("{} (or \"off\")", when.error()));
    }
  }
  info.nudges = r.boolean("nudges").value_or(true);
  info.tick_deadline_minutes =
      r.integer("tick_deadline_minutes", 1, 24 * 60).value_or(info.tick_deadline_minutes);
  info.metrics_file = read_path(r, "metrics_file");
  if (info.digest.enabled && info.admin_emails.empty()) {
    r.warning("admin_emails", "no admin e-mail is set: the weekly digest will reach nobody");
  }
}

void Loader::read_scheduling(TableReader& r, Scheduling& s) {
  s.horizon_weeks = r.integer("horizon_weeks", 1, 104).value_or(s.horizon_weeks);
  s.min_notice_hours = r.integer("min_notice_hours", 0, 24 * 28).value_or(s.min_notice_hours);
  s.slot_step_minutes = r.integer("slot_step_minutes", 1, 240).value_or(s.slot_step_minutes);
  if (24 * 60 % s.slot_step_minutes != 0) {
    r.error("slot_step_minutes",
            fmt::format("{} does not divide a day evenly: use 5, 10, 15, 20, 30, 60...",
                        s.slot_step_minutes));
  }
  s.buffer_minutes = r.integer("buffer_minutes", 0, 24 * 60).value_or(s.buffer_minutes);
  s.max_meetings_per_day =
      r.integer("max_meetings_per_day", 1, 24).value_or(s.max_meetings_per_day);
  s.plan_every_minutes = r.integer("plan_every_minutes", 1, 24 * 60).value_or(s.plan_every_minutes);
}

void Loader::read_mail(TableReader& r, Mail& mail) {
  mail.transport = read_enum<Transport>(r, "transport").value_or(Transport::directory);
  mail.directory = read_path(r, "directory");
}

Smtp Loader::read_smtp(TableReader& r) {
  Smtp smtp;
  const auto url = read_server_url(r, {"smtp", "smtps"});
  if (url) smtp.url = r.text("url").value_or("");
  smtp.starttls = read_starttls(r, url, "smtp");
  smtp.username = r.text("username").value_or("");
  smtp.password = read_secret(r);
  smtp.ca_file = read_path(r, "ca_file");
  smtp.timeout_seconds = r.integer("timeout_seconds", 1, 600).value_or(smtp.timeout_seconds);
  return smtp;
}

Imap Loader::read_imap(TableReader& r) {
  Imap imap;
  const auto url = read_server_url(r, {"imap", "imaps"});
  if (url) imap.url = r.text("url").value_or("");
  imap.starttls = read_starttls(r, url, "imap");
  imap.username = r.text("username", Need::required).value_or("");
  imap.password = read_secret(r);
  imap.ca_file = read_path(r, "ca_file");
  imap.poll_minutes = r.integer("poll_minutes", 1, 24 * 60).value_or(imap.poll_minutes);
  return imap;
}

std::vector<Ability> Loader::read_abilities(TableReader& r, std::string_view key) {
  std::vector<Ability> out;
  const auto* list = r.array(key);
  if (!list) return out;
  for (const auto& n : *list) {
    const auto* s = n.as_string();
    const auto ability = s ? enum_from<Ability>(s->get()) : std::nullopt;
    if (!ability) {
      report_.error(n.source(), fmt::format("{}: {} is not one of: {}", r.name(key),
                                            s ? fmt::format("\"{}\"", s->get()) : type_name(n),
                                            enum_choices<Ability>()));
      continue;
    }
    if (std::find(out.begin(), out.end(), *ability) == out.end()) out.push_back(*ability);
  }
  return out;
}

// [web]: base_url (https://, or http:// for a loopback host, no query), listen (address:port),
// the key and credentials files, abilities.
Web Loader::read_web(TableReader& r) {
  Web web;
  if (const auto text = r.text("base_url", Need::required)) {
    const auto url = parse_url(*text);
    if (!url || (url->scheme != "https" && url->scheme != "http")) {
      r.error("base_url",
              fmt::format("\"{}\" is not a URL like https://mentoring.example.org", *text));
    } else if (url->scheme == "http" && !is_loopback_host(url->host)) {
      r.error("base_url", "use https:// (the links are keys): http:// only for a loopback host");
    } else if (url->path.find_first_of("?#") != std::string::npos) {
      r.error("base_url", "may not have a query or fragment");
    } else {
      web.base_url = *text;
      while (web.base_url.ends_with('/'))
        web.base_url.pop_back();
    }
  }
  if (const auto listen = r.text("listen")) {
    if (!is_listen_address(*listen)) {
      r.error(
          "listen",
          fmt::format("\"{}\" is not address:port (e.g. 127.0.0.1:8080 or [::1]:8080)", *listen));
    } else {
      web.listen = *listen;
    }
  }
  web.link_key_file = read_path(r, "link_key_file");
  web.admin_credentials_file = read_path(r, "admin_credentials_file");
  if (r.node("abilities")) web.abilities = read_abilities(r, "abilities");
  return web;
}

}  // namespace mentorcal::config
