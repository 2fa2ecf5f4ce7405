// A tick in a child process: `mentorcal service-tick`, its standard input a snapshot of the
// programme file, its standard output read line by line on the service's event loop.
#pragma once

#include <functional>
#include <string>
#include <sys/types.h>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/streambuf.hpp>

namespace mentorcal::supervisor {

// The bytes of the programme file as they were when they last loaded, in an anonymous memory file
// that each child reads as its standard input.
class Snapshot {
 public:
  Snapshot() = default;  // none
  // Read `path`; throw std::runtime_error when it cannot be read.
  explicit Snapshot(const std::string& path);
  ~Snapshot();
  Snapshot(Snapshot&& other) noexcept;
  Snapshot& operator=(Snapshot&& other) noexcept;
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

class Child {
 public:
  using OnLine = std::function<void(const std::string&)>;
  using OnExit = std::function<void(int wait_status)>;

  // Start `argv` with `input` as its standard input; call `on_line` for each line it prints and
  // `on_exit` once it has exited. Throw std::system_error when it cannot be started.
  Child(boost::asio::io_context& io, const std::vector<std::string>& argv, const Snapshot& input,
        OnLine on_line, OnExit on_exit);
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  void signal(int sig) const;

 private:
  void read_line();

  pid_t pid_ = -1;
  boost::asio::posix::stream_descriptor out_;
  boost::asio::streambuf buffer_;
  OnLine on_line_;
  OnExit on_exit_;
};

}  // namespace mentorcal::supervisor
