#include "web/server.h"

#include <charconv>
#include <malloc.h>
#include <memory>
#include <optional>
#include <sys/socket.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <systemd/sd-daemon.h>

#include "web/rate_limit.h"

namespace mentorcal::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct Shared {
  const ServerOptions& options;
  const Handler& handler;
  RateLimit per_address;
  std::size_t connections = 0;
  std::chrono::steady_clock::time_point trimmed{};  // when free memory was last given back
};

// The headers every answer carries.
constexpr std::string_view kFixedHeaders =
    "Server: mentorcal\r\n"
    "Cache-Control: no-store\r\n"
    "Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'\r\n"
    "Referrer-Policy: no-referrer\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n";

// Append "name: value\r\n", unless the value could end the header (never from our pages).
void header(std::string& out, std::string_view name, std::string_view value) {
  if (value.find_first_of("\r\n") != std::string_view::npos) return;
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

// Return the answer as the bytes sent: one buffer, written with one call. (Beast's serializer
// walked a chain of small buffers and allocated each header field: a third of the server's
// time under load.)
std::string to_bytes(const Response& r, unsigned version, bool keep_alive, bool head = false) {
  std::string out;
  out.reserve(kFixedHeaders.size() + 256 + (head ? 0 : r.body.size()));
  out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  out += std::to_string(r.status);
  out += ' ';
  const auto reason = http::obsolete_reason(static_cast<http::status>(r.status));
  out.append(reason.data(), reason.size());
  out += "\r\n";
  out += kFixedHeaders;
  header(out, "Content-Type", r.content_type);
  if (!r.location.empty()) header(out, "Location", r.location);
  if (!r.www_authenticate.empty()) header(out, "WWW-Authenticate", r.www_authenticate);
  if (version == 10 && keep_alive) header(out, "Connection", "keep-alive");
  if (version != 10 && !keep_alive) header(out, "Connection", "close");
  // HEAD: the length of what GET would send, no body.
  header(out, "Content-Length", std::to_string(r.body.size()));
  out += "\r\n";
  if (!head) out += r.body;
  return out;
}

bool is_loopback(const asio::ip::address& a) {
  return a.is_loopback() ||
         (a.is_v6() && a.to_v6().is_v4_mapped() &&
          asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6()).is_loopback());
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {
    ++shared_.connections;
    beast::error_code ec;
    const auto peer = stream_.socket().remote_endpoint(ec);
    if (!ec) {
      peer_ = peer.address().to_string();
      peer_loopback_ = is_loopback(peer.address());
    }
  }
  ~Session() {
    // The last connection gone: give the heap's free pages back (a burst of connections leaves
    // their buffers' memory free but mapped, 2 MB after 200), at most every 10 seconds.
    if (--shared_.connections == 0) {
      const auto now = std::chrono::steady_clock::now();
      if (now - shared_.trimmed >= std::chrono::seconds(10)) {
        malloc_trim(0);
        shared_.trimmed = now;
      }
    }
  }

  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_.options.header_limit));
    parser_->body_limit(shared_.options.body_limit);
    buffer_.clear();
    stream_.expires_after(shared_.options.read_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout) return close();
    if (ec == http::error::body_limit || ec == http::error::header_limit) {
      Response r{413, "text/plain; charset=utf-8", "Request too large\n", {}, {}};
      return write(to_bytes(r, 11, false), false);
    }
    if (ec) {
      if (ec.category() == http::make_error_code(http::error::bad_method).category())
        return write(to_bytes(bad_request(), 11, false), false);
      return close();
    }
    const auto& in = parser_->get();
    Request request;
    request.method = std::string(in.method_string());
    request.target = std::string(in.target());
    request.content_type = std::string(in[http::field::content_type]);
    request.authorization = std::string(in[http::field::authorization]);
    request.body = in.body();
    request.client = peer_;
    // Behind the reverse proxy on this machine, the client is the proxy's X-Real-IP.
    if (peer_loopback_) {
      if (const auto real = in["X-Real-IP"]; !real.empty()) {
        beast::error_code bad;
        const auto address = asio::ip::make_address(std::string(real), bad);
        if (!bad) request.client = address.to_string();
      }
    }
    const bool keep_alive = in.keep_alive();
    Response response;
    if (!shared_.per_address.allow(request.client, std::chrono::steady_clock::now())) {
      response = too_many_requests();
    } else {
      try {
        response = shared_.handler(request);
      } catch (const std::exception&) {
        response = {
            500, "text/plain; charset=utf-8", "Something went wrong: try again later\n", {}, {}};
      }
    }
    write(to_bytes(response, in.version(), keep_alive, in.method() == http::verb::head),
          keep_alive);
  }

  // One write at a time per connection: the bytes live in out_ until it completes.
  void write(std::string bytes, bool keep) {
    out_ = std::move(bytes);
    stream_.expires_after(shared_.options.read_timeout);
    asio::async_write(stream_, asio::buffer(out_),
                      [self = shared_from_this(), keep](beast::error_code ec, std::size_t) {
                        if (ec || !keep) return self->close();
                        self->read();
                      });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  Shared& shared_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string out_;
  std::string peer_;
  bool peer_loopback_ = false;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(tcp::acceptor acceptor, Shared& shared)
      : acceptor_(std::move(acceptor)), shared_(shared) {}
  void accept() {
    acceptor_.async_accept([self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
      if (!ec) {
        if (self->shared_.connections < self->shared_.options.max_connections) {
          std::make_shared<Session>(std::move(socket), self->shared_)->start();
        }  // else: closed at once, as the socket goes out of scope
      }
      if (ec != asio::error::operation_aborted) self->accept();
    });
  }

 private:
  tcp::acceptor acceptor_;
  Shared& shared_;
};

}  // namespace

tl::expected<std::pair<std::string, unsigned short>, std::string> parse_listen(
    std::string_view listen) {
  std::string_view host;
  std::string_view port;
  if (listen.starts_with('[')) {
    const auto close = listen.find("]:");
    if (close == std::string_view::npos)
      return tl::unexpected(std::string("an IPv6 address is written [address]:port"));
    host = listen.substr(1, close - 1);
    port = listen.substr(close + 2);
  } else {
    const auto colon = listen.rfind(':');
    if (colon == std::string_view::npos || listen.find(':') != colon)
      return tl::unexpected(std::string("write address:port, e.g. 127.0.0.1:8080"));
    host = listen.substr(0, colon);
    port = listen.substr(colon + 1);
  }
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535)
    return tl::unexpected(std::string("the port is not a number from 1 to 65535"));
  boost::system::error_code bad;
  asio::ip::make_address(std::string(host), bad);
  if (bad) return tl::unexpected("\"" + std::string(host) + "\" is not an IP address");
  return std::pair{std::string(host), static_cast<unsigned short>(value)};
}

tl::expected<void, std::string> serve(const ServerOptions& options, const Handler& handler,
                                      const std::function<void(const std::string&)>& on_ready) {
  // The sessions refer to `shared`: it outlives the context that destroys them at the end.
  Shared shared{options, handler,
                RateLimit(options.per_address_per_minute, options.per_address_burst)};
  asio::io_context io{1};
  std::string where;
  tcp::acceptor acceptor(io);
  beast::error_code ec;
  if (sd_listen_fds(1) >= 1) {
    const int fd = SD_LISTEN_FDS_START;
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
      return tl::unexpected(std::string("the socket systemd passed cannot be read"));
    acceptor.assign(address.ss_family == AF_INET6 ? tcp::v6() : tcp::v4(), fd, ec);
    if (ec) return tl::unexpected("the socket systemd passed: " + ec.message());
    where = "the socket systemd passed";
  } else {
    const auto host_port = parse_listen(options.listen);
    if (!host_port) return tl::unexpected(host_port.error());
    const tcp::endpoint endpoint(asio::ip::make_address(host_port->first), host_port->second);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return tl::unexpected("cannot listen on " + options.listen + ": " + ec.message());
    where = options.listen;
  }
  std::make_shared<Listener>(std::move(acceptor), shared)->accept();
  asio::signal_set signals(io, SIGTERM, SIGINT);
  signals.async_wait([&](beast::error_code, int) { io.stop(); });
  on_ready(where);
  io.run();
  return {};
}

}  // namespace mentorcal::web
