#include "mail/message.h"

#include <gmime/gmime.h>
#include <mutex>

namespace mentorcal::mail {
namespace {

// g_object_unref on scope exit.
template <typename T>
struct Ref {
  T* p;
  explicit Ref(T* ptr) : p(ptr) {}
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  ~Ref() {
    if (p) g_object_unref(p);
  }
  T* get() const { return p; }
};

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

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

}  // namespace

std::string render_message(const Letter& letter) {
  init_gmime();
  Ref<GMimeMessage> message(g_mime_message_new(TRUE));
  g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_FROM, letter.from.name.c_str(),
                             letter.from.email.c_str());
  g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_TO, letter.to.name.c_str(),
                             letter.to.email.c_str());
  g_mime_message_set_subject(message.get(), letter.subject.c_str(), "utf-8");
  GDateTime* date = g_date_time_new_from_unix_utc(letter.date.time_since_epoch().count());
  g_mime_message_set_date(message.get(), date);
  g_date_time_unref(date);
  g_mime_message_set_message_id(message.get(), letter.message_id.c_str());

  Ref<GMimeTextPart> text(g_mime_text_part_new_with_subtype("plain"));
  g_mime_text_part_set_text(text.get(), letter.text.c_str());  // picks charset=utf-8 when needed
  g_mime_text_part_set_charset(text.get(), "UTF-8");
  g_mime_part_set_content_encoding(GMIME_PART(text.get()), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);

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

  GMimeFormatOptions* options = g_mime_format_options_clone(nullptr);
  g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
  char* bytes = g_mime_object_to_string(GMIME_OBJECT(message.get()), options);
  g_mime_format_options_free(options);
  std::string out(bytes);
  g_free(bytes);
  return out;
}

}  // namespace mentorcal::mail
