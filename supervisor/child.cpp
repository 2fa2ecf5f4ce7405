#include "supervisor/child.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <signal.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/mman.h>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>

#include <boost/asio/read_until.hpp>

#include "base/programme_size.h"

extern char** environ;

namespace mentorcal::supervisor {
namespace {

[[noreturn]] void fail(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

}  // namespace

Snapshot::Snapshot(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  fd_ = memfd_create("mentorcal-config", MFD_CLOEXEC);
  if (fd_ < 0) fail("memfd_create");
  // At most a byte over the largest programme file (base/programme_size.h): the tick refuses it.
  // Copied a buffer at a time, so the service never holds the file.
  char buffer[65536];
  std::size_t copied = 0;
  while (copied <= base::kMaxProgrammeBytes && in) {
    in.read(buffer, static_cast<std::streamsize>(
                        std::min(sizeof buffer, base::kMaxProgrammeBytes + 1 - copied)));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    for (std::size_t done = 0; done < got;) {
      const ssize_t n = write(fd_, buffer + done, got - done);
      if (n < 0 && errno != EINTR) fail("writing the config snapshot");
      if (n > 0) done += static_cast<std::size_t>(n);
    }
    copied += got;
  }
}

Snapshot::~Snapshot() {
  if (fd_ >= 0) close(fd_);
}

Snapshot::Snapshot(Snapshot&& other) noexcept : fd_(other.fd_) {
  other.fd_ = -1;
}

Snapshot& Snapshot::operator=(Snapshot&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

Child::Child(boost::asio::io_context& io, const std::vector<std::string>& argv,
             const Snapshot& input, OnLine on_line, OnExit on_exit)
    : out_(io), on_line_(std::move(on_line)), on_exit_(std::move(on_exit)) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) fail("pipe2");
  // Each child reads the snapshot from its start; children run one at a time.
  if (lseek(input.fd(), 0, SEEK_SET) != 0) fail("lseek");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, input.fd(), 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  std::vector<char*> args;
  for (const auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (rc != 0) {
    close(pipe_fds[0]);
    errno = rc;
    fail("starting a tick");
  }
  out_.assign(pipe_fds[0]);
  read_line();
}

void Child::signal(int sig) const {
  if (pid_ > 0) kill(pid_, sig);
}

void Child::read_line() {
  boost::asio::async_read_until(
      out_, buffer_, '\n', [this](const boost::system::error_code& ec, std::size_t n) {
        if (!ec) {
          std::string line(boost::asio::buffers_begin(buffer_.data()),
                           boost::asio::buffers_begin(buffer_.data()) + static_cast<long>(n) - 1);
          buffer_.consume(n);
          on_line_(line);
          read_line();
          return;
        }
        // End of its output: it has exited, or is about to.
        int status = 0;
        while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        pid_ = -1;
        on_exit_(status);
      });
}

}  // namespace mentorcal::supervisor
