#include "web/http.h"

namespace mentorcal::web {
namespace {
Response plain(int status, std::string text) {
  return {status, "text/plain; charset=utf-8", std::move(text) + "\n", {}, {}};
}
}  // namespace

Response not_found() {
  return plain(404, "Not found");
}
Response too_many_requests() {
  return plain(429, "Too many requests: wait a minute");
}
Response bad_request() {
  return plain(400, "Bad request");
}
Response method_not_allowed() {
  return plain(405, "Method not allowed");
}

}  // namespace mentorcal::web
