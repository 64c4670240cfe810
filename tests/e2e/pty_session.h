// Drives a program in a pseudo-terminal, as a person at a terminal would: type keys, wait for
// text on the screen. For testing the interactive shell (line editing, completion, Ctrl-C).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace kg::testing {

class PtySession {
 public:
  // Starts `argv` (argv[0] a path) in a new pseudo-terminal with `env` added to the
  // environment. Throws std::runtime_error if it cannot.
  PtySession(const std::vector<std::string>& argv, const std::vector<std::string>& env);
  ~PtySession();
  PtySession(const PtySession&) = delete;
  PtySession& operator=(const PtySession&) = delete;

  void Send(const std::string& keys);
  // Reads until the screen text (escape sequences removed) since the last Expect holds
  // `text`, or `timeout` passes. Returns whether it appeared.
  bool Expect(const std::string& text, std::chrono::milliseconds timeout = std::chrono::seconds(30));
  // Everything read so far, escape sequences removed.
  const std::string& screen() const { return screen_; }
  // Waits for the program to end; returns its exit code, or -1 on timeout or a signal.
  int Wait(std::chrono::milliseconds timeout = std::chrono::seconds(30));

 private:
  void ReadAvailable(int wait_ms);

  int master_ = -1;
  pid_t pid_ = -1;
  std::string screen_;
  size_t expect_from_ = 0;
  bool exited_ = false;
  int exit_code_ = -1;
};

}  // namespace kg::testing
