#pragma once
// dd::error: the one exception type dd throws. It names the file, the HDF5 path inside it and the
// cause ("expected float64, found string"). One load may find several problems; they travel together.
#include "version.hpp"  // first: stops an older -std with one error
#ifndef DD_UNSUPPORTED_STANDARD

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace dd {

struct problem {
  std::string path;     // HDF5 path inside the file, e.g. "/opt/lr"
  std::string message;  // what went wrong there, e.g. "expected float64, found string"
};

class error : public std::runtime_error {
 public:
  error(std::string file, std::vector<problem> problems)
      : std::runtime_error(format(file, problems)), file_(std::move(file)), problems_(std::move(problems)) {}
  error(std::string file, std::string path, std::string message)
      : error(std::move(file), std::vector<problem>{{std::move(path), std::move(message)}}) {}

  const std::string& file() const noexcept { return file_; }
  const std::vector<problem>& problems() const noexcept { return problems_; }

 private:
  static std::string format(const std::string& file, const std::vector<problem>& problems) {
    std::string text;
    for (const auto& p : problems) {
      if (!text.empty()) text += '\n';
      text += file + ':' + (p.path.empty() ? std::string("/") : p.path) + ": " + p.message;
    }
    return text;
  }
  std::string file_;
  std::vector<problem> problems_;
};

}  // namespace dd

#endif  // DD_UNSUPPORTED_STANDARD
