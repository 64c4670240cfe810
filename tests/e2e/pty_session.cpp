#include "tests/e2e/pty_session.h"

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <stdexcept>

namespace kg::testing {

namespace {

// Drops ANSI escape sequences and carriage returns, so tests match what a person reads.
std::string StripEscapes(const std::string& raw) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\x1b') {
      if (i + 1 < raw.size() && raw[i + 1] == '[') {
        i += 2;
        while (i < raw.size() && !(raw[i] >= '@' && raw[i] <= '~')) ++i;
      } else {
        ++i;
      }
      continue;
    }
    if (c == '\r' || c == '\a') continue;
    out += c;
  }
  return out;
}

}  // namespace

PtySession::PtySession(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
  struct winsize size = {};
  size.ws_row = 40;
  size.ws_col = 120;
  pid_ = forkpty(&master_, nullptr, nullptr, &size);
  if (pid_ < 0) throw std::runtime_error("forkpty failed");
  if (pid_ == 0) {
    for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
    setenv("TERM", "xterm", 1);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
}

PtySession::~PtySession() {
  if (!exited_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (master_ >= 0) close(master_);
}

void PtySession::Send(const std::string& keys) {
  size_t done = 0;
  while (done < keys.size()) {
    ssize_t n = write(master_, keys.data() + done, keys.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
}

void PtySession::ReadAvailable(int wait_ms) {
  struct pollfd fd = {master_, POLLIN, 0};
  if (poll(&fd, 1, wait_ms) <= 0) return;
  char buffer[4096];
  ssize_t n = read(master_, buffer, sizeof buffer);
  if (n > 0) screen_ += StripEscapes(std::string(buffer, static_cast<size_t>(n)));
}

bool PtySession::Expect(const std::string& text, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    size_t at = screen_.find(text, expect_from_);
    if (at != std::string::npos) {
      expect_from_ = at + text.size();
      return true;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      // Show what was on the screen instead, for the failing test's log.
      std::cerr << "expected '" << text << "' after:\n" << screen_.substr(expect_from_) << "\n";
      return false;
    }
    ReadAvailable(50);
  }
}

int PtySession::Wait(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    ReadAvailable(20);
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exited_ = true;
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      return exit_code_;
    }
  }
  return -1;
}

}  // namespace kg::testing
