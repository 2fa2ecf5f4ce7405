// A request as mentorcal's pages see it and the answer they give: plain values, no HTTP library
// types, so the pages (app/) do not depend on the server's library.
#pragma once

#include <functional>
#include <string>

namespace mentorcal::web {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: path and query
  std::string content_type;
  std::string body;
  std::string client;  // the client's address (the proxy's X-Real-IP when it came from loopback)
  std::string authorization;  // the Authorization header, for /admin
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::string location;          // a redirect's Location
  std::string www_authenticate;  // a 401's challenge
};

using Handler = std::function<Response(const Request&)>;

// The plain answers, each with a body that says nothing about why.
Response not_found();
Response too_many_requests();
Response bad_request();
Response method_not_allowed();

}  // namespace mentorcal::web
