// Test helpers for running real servers on loopback: a temporary folder, a child process that
// dies with the test (PR_SET_PDEATHSIG) and is always stopped and reaped, and a loopback socket
// on a port the kernel picked. Shared by the SMTP and IMAP tests.
#pragma once

#include <chrono>
#include <errno.h>
#include <fcntl.h>
#include <filesystem>
#include <grp.h>
#include <netinet/in.h>
#include <optional>
#include <poll.h>
#include <signal.h>
#include <stdexcept>
#include <stdlib.h>
#include <string>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace mentorcal::testing {

// A folder under the system's temporary folder, searchable by others (servers may drop to
// nobody), removed with everything in it.
class TempDir {
 public:
  explicit TempDir(const std::string& name) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / ("mentorcal-" + name + "-XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
    namespace fs = std::filesystem;
    fs::permissions(path_, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct RunAs {
  uid_t uid;
  gid_t gid;
};

class Child {
 public:
  using Clock = std::chrono::steady_clock;

  // Start `argv` (argv[0] a path) with stderr to `log`; stdout to a pipe for read_line() when
  // `pipe_stdout`, else to `log` too; as another user when `run_as` is set.
  Child(const std::vector<std::string>& argv, const std::filesystem::path& log,
        bool pipe_stdout = true, std::optional<RunAs> run_as = std::nullopt) {
    std::vector<char*> args;
    for (const std::string& arg : argv)
      args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    const int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    int out[2] = {-1, -1};
    if (null_fd < 0 || log_fd < 0 || (pipe_stdout && pipe2(out, O_CLOEXEC) != 0)) {
      throw std::runtime_error("cannot prepare " + argv[0]);
    }
    const pid_t parent = getpid();
    pid_ = fork();
    if (pid_ == 0) {
      // Change user before asking for the parent-death signal: a change of user clears it.
      if (run_as &&
          (setgroups(0, nullptr) != 0 || setgid(run_as->gid) != 0 || setuid(run_as->uid) != 0)) {
        _exit(126);
      }
      if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) _exit(125);
      dup2(null_fd, 0);
      dup2(pipe_stdout ? out[1] : log_fd, 1);
      dup2(log_fd, 2);
      execv(args[0], args.data());
      _exit(127);
    }
    close(null_fd);
    close(log_fd);
    if (pipe_stdout) {
      close(out[1]);
      out_ = out[0];
    }
    if (pid_ < 0) throw std::runtime_error("fork failed");
  }
  ~Child() {
    stop();
    if (out_ >= 0) close(out_);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // Send `signal`, then SIGKILL if it is still there after 15 s; reap it; return its wait status.
  int stop(int signal = SIGTERM) {
    using namespace std::chrono_literals;
    if (pid_ <= 0) return status_;
    kill(pid_, signal);
    if (!wait_until(Clock::now() + 15s)) {
      kill(pid_, SIGKILL);
      wait_until(Clock::time_point::max());
    }
    return status_;
  }

  // Return whether it exited by `deadline` (reaping it); Clock::time_point::max() waits forever.
  bool wait_until(Clock::time_point deadline) {
    using namespace std::chrono_literals;
    while (pid_ > 0) {
      const pid_t done =
          waitpid(pid_, &status_, deadline == Clock::time_point::max() ? 0 : WNOHANG);
      if (done == pid_ || (done < 0 && errno != EINTR)) {
        pid_ = -1;
        break;
      }
      if (Clock::now() >= deadline) return false;
      std::this_thread::sleep_for(5ms);
    }
    return true;
  }

  bool running() { return !wait_until(Clock::now()); }

  // Return the next line of its stdout, or nothing at end of file or `deadline`.
  std::optional<std::string> read_line(Clock::time_point deadline) {
    using namespace std::chrono_literals;
    while (true) {
      if (const size_t end = buffered_.find('\n'); end != std::string::npos) {
        std::string line = buffered_.substr(0, end);
        buffered_.erase(0, end + 1);
        return line;
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left <= 0ms) return std::nullopt;
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[512];
      const ssize_t n = read(out_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buffered_.append(chunk, static_cast<size_t>(n));
    }
  }

  // Return all of its stdout, once it has exited (waiting at most until `deadline`).
  std::string read_all(Clock::time_point deadline) {
    std::string all;
    while (std::optional<std::string> line = read_line(deadline))
      all += *line + "\n";
    return all + buffered_;
  }

 private:
  pid_t pid_ = -1;
  int status_ = -1;
  int out_ = -1;
  std::string buffered_;
};

// A TCP socket on 127.0.0.1 with a port the kernel picked; closed when destroyed.
class LoopbackSocket {
 public:
  LoopbackSocket() {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      throw std::runtime_error("cannot bind a loopback socket");
    }
    port_ = ntohs(address.sin_port);
  }
  ~LoopbackSocket() { close(fd_); }
  LoopbackSocket(const LoopbackSocket&) = delete;
  LoopbackSocket& operator=(const LoopbackSocket&) = delete;
  void listen_without_accepting() { ::listen(fd_, 16); }
  int fd() const { return fd_; }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace mentorcal::testing
