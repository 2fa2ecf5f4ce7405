#include "mail/message.h"

#include <gmime/gmime.h>
#include <mutex>

#include "mail/gmime.h"

namespace mentorcal::mail {
namespace {

// A leaf part holding `bytes`, sent base64.
GMimePart* base64_part(const char* type, const char* subtype, const std::string& bytes) {
  GMimePart* part = g_mime_part_new_with_type(type, subtype);
  Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  Ref<GMimeDataWrapper> content(
      g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(part, content.get());
  g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
  return part;
}

// A new message with the envelope headers set.
GMimeMessage* new_message(const ical::Party& from, const ical::Party& to,
                          const std::string& subject, const std::string& message_id,
                          std::chrono::sys_seconds when) {
  init_gmime();
  GMimeMessage* message = g_mime_message_new(TRUE);
  g_mime_message_add_mailbox(message, GMIME_ADDRESS_TYPE_FROM, from.name.c_str(),
                             from.email.c_str());
  g_mime_message_add_mailbox(message, GMIME_ADDRESS_TYPE_TO, to.name.c_str(), to.email.c_str());
  g_mime_message_set_subject(message, subject.c_str(), "utf-8");
  GDateTime* date = g_date_time_new_from_unix_utc(when.time_since_epoch().count());
  g_mime_message_set_date(message, date);
  g_date_time_unref(date);
  g_mime_message_set_message_id(message, message_id.c_str());
  return message;
}

// A UTF-8 text part (quoted-printable, readable in any client's raw view). The bytes go in as
// they are, with their charset: g_mime_text_part_set_text() would re-encode them to ISO-8859-1
// whenever they fit, under a label that still says UTF-8 (TRAPS.md).
GMimeTextPart* text_part(const char* subtype, const std::string& body) {
  GMimeTextPart* part = g_mime_text_part_new_with_subtype(subtype);
  Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(body.data(), body.size()));
  Ref<GMimeDataWrapper> content(
      g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(GMIME_PART(part), content.get());
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(part), "charset", "UTF-8");
  g_mime_part_set_content_encoding(GMIME_PART(part), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  return part;
}

// Return the message as SMTP-ready bytes: CRLF line ends.
std::string to_bytes(GMimeMessage* message) {
  GMimeFormatOptions* options = g_mime_format_options_clone(nullptr);
  g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
  char* bytes = g_mime_object_to_string(GMIME_OBJECT(message), options);
  g_mime_format_options_free(options);
  std::string out(bytes);
  g_free(bytes);
  return out;
}

}  // namespace

std::string render_message(const Letter& letter) {
  Ref<GMimeMessage> message(
      new_message(letter.from, letter.to, letter.subject, letter.message_id, letter.date));
  Ref<GMimeTextPart> text(text_part("plain", letter.text));

  const std::string method(to_string(letter.method));
  Ref<GMimePart> calendar(base64_part("text", "calendar", letter.ics));
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(calendar.get()), "charset", "UTF-8");
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(calendar.get()), "method", method.c_str());

  Ref<GMimePart> attachment(base64_part("application", "ics", letter.ics));
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(attachment.get()), "name", "invite.ics");
  g_mime_part_set_filename(attachment.get(), "invite.ics");  // Content-Disposition: attachment

  Ref<GMimeMultipart> alternative(g_mime_multipart_new_with_subtype("alternative"));
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(text.get()));
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(calendar.get()));
  Ref<GMimeMultipart> mixed(g_mime_multipart_new_with_subtype("mixed"));
  g_mime_multipart_add(mixed.get(), GMIME_OBJECT(alternative.get()));
  g_mime_multipart_add(mixed.get(), GMIME_OBJECT(attachment.get()));
  g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(mixed.get()));
  return to_bytes(message.get());
}

std::string render_note(const Note& note) {
  Ref<GMimeMessage> message(
      new_message(note.from, note.to, note.subject, note.message_id, note.date));
  Ref<GMimeTextPart> text(text_part("plain", note.text));
  if (note.html.empty()) {
    g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(text.get()));
    return to_bytes(message.get());
  }
  Ref<GMimeTextPart> html(text_part("html", note.html));
  Ref<GMimeMultipart> alternative(g_mime_multipart_new_with_subtype("alternative"));
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(text.get()));
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(html.get()));
  g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(alternative.get()));
  return to_bytes(message.get());
}

}  // namespace mentorcal::mail
