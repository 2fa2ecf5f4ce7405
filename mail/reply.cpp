#include "mail/reply.h"

#include <algorithm>
#include <gmime/gmime.h>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "base/ascii.h"
#include "mail/gmime.h"

namespace mentorcal::mail {
namespace {

using base::iends_with;
using base::iequals;
using base::lower_ascii;
using base::trim;

constexpr int kMaxMimeDepth = 32;
// Calendar parts read per message: a real client sends one, or two (inline and attached). Each
// costs a libical parse; a 25 MiB message of ~1 MiB parts took half an hour before this bound.
constexpr std::size_t kMaxCalendarParts = 4;
constexpr std::size_t kMaxCommentBytes = 500;

// Return `text` as valid UTF-8 without control characters, cut to kMaxCommentBytes on a
// character boundary.
std::string loggable(std::string_view text) {
  char* valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
  std::string out(valid);
  g_free(valid);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  if (out.size() > kMaxCommentBytes) {
    std::size_t cut = kMaxCommentBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
      --cut;
    out.resize(cut);
  }
  return out;
}

// Lone CRs become LFs; GMime reads CRLF and LF alike.
std::string with_known_line_ends(std::string_view raw) {
  std::string out(raw);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\r' && (i + 1 == out.size() || out[i + 1] != '\n')) out[i] = '\n';
  }
  return out;
}

// Return the lower-cased address of the first mailbox of `list` (looking into groups), or "".
std::string first_mailbox(InternetAddressList* list, bool in_group = false) {
  if (list == nullptr) return "";
  const int n = internet_address_list_length(list);
  for (int i = 0; i < n; ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
      const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
      if (addr != nullptr && !trim(addr).empty()) return lower_ascii(trim(addr));
    } else if (INTERNET_ADDRESS_IS_GROUP(address) && !in_group) {
      std::string member =
          first_mailbox(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), true);
      if (!member.empty()) return member;
    }
  }
  return "";
}

// ---- MIME ----------------------------------------------------------------------------------

struct CalendarPart {
  std::string text;         // decoded, UTF-8
  std::string mime_method;  // the Content-Type method= parameter, "" if none
};

struct Parts {
  std::vector<CalendarPart> calendars;
  int left_out = 0;  // calendar parts beyond kMaxCalendarParts
  bool tnef = false;
};

bool is_calendar(GMimeContentType* type, const char* filename) {
  if (g_mime_content_type_is_type(type, "text", "calendar") ||
      g_mime_content_type_is_type(type, "text", "x-vcalendar") ||
      g_mime_content_type_is_type(type, "application", "ics")) {
    return true;
  }
  return g_mime_content_type_is_type(type, "application", "octet-stream") && filename != nullptr &&
         iends_with(filename, ".ics");
}

bool is_tnef(GMimeContentType* type, const char* filename) {
  return g_mime_content_type_is_type(type, "application", "ms-tnef") ||
         g_mime_content_type_is_type(type, "application", "vnd.ms-tnef") ||
         (filename != nullptr && iequals(filename, "winmail.dat"));
}

// Return the content of `part` without its transfer encoding, converted to UTF-8 when it names
// another charset that iconv knows.
std::string decoded(GMimePart* part, GMimeContentType* type) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return "";
  Ref<GMimeStream> memory(g_mime_stream_mem_new());
  Ref<GMimeStream> filtered(g_mime_stream_filter_new(memory.get()));
  const char* charset = g_mime_content_type_get_parameter(type, "charset");
  if (charset != nullptr && !iequals(charset, "utf-8") && !iequals(charset, "utf8") &&
      !iequals(charset, "us-ascii")) {
    if (GMimeFilter* convert = g_mime_filter_charset_new(charset, "UTF-8")) {
      g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered.get()), convert);
      g_object_unref(convert);
    }
  }
  g_mime_data_wrapper_write_to_stream(content, filtered.get());
  g_mime_stream_flush(filtered.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(memory.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

void collect(GMimeObject* object, int depth, Parts& parts) {
  if (object == nullptr || depth > kMaxMimeDepth) return;
  if (GMIME_IS_MULTIPART(object)) {
    GMimeMultipart* multipart = GMIME_MULTIPART(object);
    const int n = g_mime_multipart_get_count(multipart);
    for (int i = 0; i < n; ++i)
      collect(g_mime_multipart_get_part(multipart, i), depth + 1, parts);
    return;
  }
  if (!GMIME_IS_PART(object)) return;  // message/rfc822 and message/partial: not the sender's own
  GMimePart* part = GMIME_PART(object);
  GMimeContentType* type = g_mime_object_get_content_type(object);
  const char* filename = g_mime_part_get_filename(part);
  if (is_calendar(type, filename) && parts.calendars.size() >= kMaxCalendarParts) {
    ++parts.left_out;
  } else if (is_calendar(type, filename)) {
    const char* method = g_mime_content_type_get_parameter(type, "method");
    parts.calendars.push_back({decoded(part, type), method != nullptr ? std::string(method) : ""});
  } else if (is_tnef(type, filename)) {
    parts.tnef = true;
  }
}

// Take Message-ID, From and Sender of `message` into `out`.
void take_headers(GMimeMessage* message, ReadMessage& out) {
  if (const char* id = g_mime_message_get_message_id(message)) out.message_id = id;
  out.from = first_mailbox(g_mime_message_get_from(message));
  out.sender = first_mailbox(g_mime_message_get_sender(message));
}

// Return where the header block of `bytes` (any line ends) ends: at its first empty line, or its
// end.
std::size_t header_end(std::string_view bytes) {
  return std::min({bytes.size(), bytes.find("\n\n"), bytes.find("\n\r\n"), bytes.find("\r\r")});
}

// Read the header block `headers` alone into `out`; return false when it is no message header.
bool read_headers(std::string_view headers, ReadMessage& out) {
  const std::string block = std::string(headers) + "\n\n";
  Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(block.data(), block.size()));
  Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  Ref<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!message.get()) return false;
  take_headers(message.get(), out);
  return true;
}

// The cheap check before the costly parse of a partner's message: keep only the calendar parts
// that name a meeting mentorcal sent. Return false, with `out` saying why, when none is left.
bool passes(const ReplyGate& gate, ReadMessage& out, Parts& parts) {
  std::vector<CalendarPart> kept;
  for (auto& part : parts.calendars) {
    if (!scan_calendar(part.text, gate.uids).ours.empty()) kept.push_back(std::move(part));
  }
  if (kept.empty()) {
    out.skipped = parts.calendars.empty() ? "no calendar part"
                                          : "names no meeting mentorcal sent (not parsed)";
    if (parts.calendars.empty() && parts.tnef) out.skipped = "TNEF (winmail.dat) only";
    return false;
  }
  parts.calendars = std::move(kept);
  return true;
}

}  // namespace

ReadMessage read_reply(std::string_view raw, const ReplyGate* gate) {
  init_gmime();
  ReadMessage out;
  if (gate) {
    // The sender first, from the header block alone: a stranger's message is never parsed whole.
    // Its UID lines, found by a scan of the raw text, say whether it names a meeting of ours.
    if (!read_headers(with_known_line_ends(raw.substr(0, header_end(raw))), out)) {
      out.skipped = "not a MIME message";
      return out;
    }
    if (!gate->partners.contains(out.from)) {
      auto keys = scan_calendar(raw, gate->uids);
      out.skipped = "sent from " + (out.from.empty() ? std::string("no address") : out.from) +
                    ", who is no partner (not parsed)";
      out.unread_uids = std::move(keys.ours);
      out.unread_method = std::move(keys.method);
      return out;
    }
  }
  const std::string bytes = with_known_line_ends(raw);
  Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  Ref<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!message.get()) {
    out.skipped = "not a MIME message";
    return out;
  }
  take_headers(message.get(), out);

  Parts parts;
  collect(g_mime_message_get_mime_part(message.get()), 0, parts);
  if (gate && !passes(*gate, out, parts)) return out;
  ical::ItipAnswers answers(ical::Senders{out.from, out.sender});
  for (const CalendarPart& part : parts.calendars)
    answers.read(part.text, part.mime_method);
  out.replies = std::move(answers.replies());
  for (CalendarReply& reply : out.replies)
    reply.comment = loggable(reply.comment);
  if (!out.replies.empty()) return out;
  if (!answers.problems().empty() || parts.left_out > 0) {
    for (const std::string& p : answers.problems()) {
      out.skipped += (out.skipped.empty() ? "" : "; ") + p;
    }
    if (parts.left_out > 0) {
      out.skipped += (out.skipped.empty() ? "" : "; ") + std::to_string(parts.left_out) +
                     " calendar parts beyond " + std::to_string(kMaxCalendarParts) + " not read";
    }
  } else if (parts.tnef) {
    out.skipped = "TNEF (winmail.dat) only";
  } else {
    out.skipped = "no calendar part";
  }
  return out;
}

}  // namespace mentorcal::mail
