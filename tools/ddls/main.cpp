// ddls: look inside an HDF5 file the way deepdish's ddls does, on dd's own HDF5 layer.
// Usage and output formats: docs/ddls.md.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dd/h5/failure.hpp>
#include <dd/h5/file.hpp>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include "json.hpp"
#include "schema.hpp"
#include "text.hpp"
#include "tree.hpp"

namespace {

constexpr const char* usage =
    "usage: ddls [options] FILE [PATH]\n"
    "Lists an HDF5 file (or the node at PATH) as deepdish sees it: dicts, lists, tuples, None, arrays\n"
    "with their dtype, shape, storage and first values, scalars with their values, links, pickles.\n"
    "\n"
    "  --depth N          list members down to N levels below the start (default: all)\n"
    "  --raw              the plain HDF5 view: every group, dataset and attribute, nothing hidden\n"
    "  --json             one JSON document instead of the tree (fields: docs/ddls.md)\n"
    "  --no-color         no ANSI colours (they are only used when stdout is a terminal anyway)\n"
    "  --schema           print C++ declarations that dd::load can load the file (or PATH) into\n"
    "  --namespace NAME   with --schema: put the declarations in namespace NAME\n"
    "  -h, --help         this text\n";

struct arguments {
  std::string file, path;
  ddls::walk_options walk;
  bool json = false, schema = false, no_color = false;
  std::string name_space;
};

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "ddls: %s\n%s", message.c_str(), usage);
  std::exit(2);
}

arguments parse(int argc, char** argv) {
  arguments a;
  int positional = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "-h" || arg == "--help") {
      std::fputs(usage, stdout);
      std::exit(0);
    } else if (arg == "--depth") {
      const auto text = value();
      char* end = nullptr;
      errno = 0;
      const long depth = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || *end || errno || depth < 0 || depth > 1'000'000)
        usage_error("--depth takes a number of levels (0 or more), not '" + text + "'");
      a.walk.max_depth = static_cast<int>(depth);
    } else if (arg == "--raw") {
      a.walk.view = ddls::view::raw;
    } else if (arg == "--json") {
      a.json = true;
    } else if (arg == "--no-color" || arg == "--no-colour") {
      a.no_color = true;
    } else if (arg == "--schema") {
      a.schema = true;
    } else if (arg == "--namespace") {
      a.name_space = value();
    } else if (arg.size() > 1 && arg[0] == '-' && positional < 2 && arg != "-") {
      usage_error("unknown option " + std::string(arg));
    } else if (positional == 0) {
      a.file = arg;
      ++positional;
    } else if (positional == 1) {
      a.path = arg;
      ++positional;
    } else {
      usage_error("too many arguments");
    }
  }
  if (a.file.empty()) usage_error("no file given");
  if (a.schema && (a.json || a.walk.view == ddls::view::raw))
    usage_error("--schema prints C++ declarations; it does not combine with --json or --raw");
  if (!a.name_space.empty() && !a.schema) usage_error("--namespace goes with --schema");
  if (!a.name_space.empty() && !ddls::is_identifier(a.name_space))
    usage_error("--namespace needs a C++ identifier, not '" + a.name_space + "'");
  return a;
}

// One line on stderr naming the file (and node) and what is wrong with it.
[[noreturn]] void fail(const arguments& a, const std::string& where, const std::string& cause) {
  std::fflush(stdout);
  std::fprintf(stderr, "ddls: %s%s: %s\n", a.file.c_str(), where.c_str(), cause.c_str());
  std::exit(1);
}

// Values the listing marked unreadable (a damaged chunk, a missing filter plugin): the listing is
// complete otherwise, but the exit status says something was wrong.
[[noreturn]] void unreadable(const arguments& a, const ddls::walker& w) {
  const auto more = w.unreadable() > 1 ? " (and " + std::to_string(w.unreadable() - 1) + " more values)" : "";
  fail(a, ":" + w.first_unreadable_path(), "cannot read the values: " + w.first_problem() + more);
}

// Why the file cannot be opened as HDF5, in words, before HDF5 is asked to open it.
std::string file_problem(const std::string& file) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (!std::filesystem::exists(status)) return "no such file";
  if (std::filesystem::is_directory(status)) return "is a directory, not a file";
  if (std::FILE* f = std::fopen(file.c_str(), "rb")) {
    std::fclose(f);
  } else {
    return std::string("cannot be read (") + std::strerror(errno) + ")";
  }
  switch (dd::h5::probe_file(file)) {
    case 0: return "not an HDF5 file";
    case -1: return "cannot be opened as HDF5 (damaged?)";
    default: return {};
  }
}

}  // namespace

int main(int argc, char** argv) {
  const auto a = parse(argc, argv);
  const dd::h5::quiet_errors quiet;  // every HDF5 problem is reported once, by ddls, in words
  if (const auto problem = file_problem(a.file); !problem.empty()) fail(a, "", problem);

  dd::h5::handle file;
  try {
    file = dd::h5::open_file(a.file, false);
  } catch (const dd::h5::failure& e) {
    fail(a, "", std::string("cannot be opened (truncated or damaged?): ") + e.what());
  }

  static char buffer[1 << 16];
  std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
  try {
    if (a.schema) {
      ddls::schema_writer schema(a.file, a.name_space);
      const auto text = schema.write(file.id(), a.path);
      std::fwrite(text.data(), 1, text.size(), stdout);
    } else if (a.json) {
      ddls::json_printer out(stdout, a.file, a.walk.view);
      ddls::walker walker(out, a.walk);
      walker.walk(file.id(), a.path);
      out.finish();
      if (walker.unreadable()) unreadable(a, walker);
    } else {
      const bool color = !a.no_color && ::isatty(STDOUT_FILENO);
      ddls::text_printer out(stdout, color, a.walk.view);
      ddls::walker walker(out, a.walk);
      walker.walk(file.id(), a.path);
      if (walker.unreadable()) unreadable(a, walker);
    }
  } catch (const ddls::located_failure& e) {
    fail(a, ":" + e.path, e.what());
  } catch (const dd::h5::failure& e) {
    fail(a, a.path.empty() ? "" : ":" + a.path, e.what());
  } catch (const std::bad_alloc&) {
    fail(a, "", "out of memory (a damaged file can claim absurd sizes)");
  } catch (const std::exception& e) {
    fail(a, "", e.what());
  }
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::fprintf(stderr, "ddls: cannot write the output: %s\n", std::strerror(errno));
    return 1;
  }
  return 0;
}
