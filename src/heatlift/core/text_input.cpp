#include "heatlift/core/text_input.hpp"

#include <fcntl.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <utility>

#include "heatlift/core/error.hpp"

namespace heatlift::core {
namespace fs = std::filesystem;
namespace {

// Length of the well-formed UTF-8 sequence at s[i], or 0 when the bytes there are not one
// (RFC 3629, table 3-7 of the Unicode standard: no overlongs, no surrogates, <= U+10FFFF).
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  if (b(1) < lo || b(1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if (b(k) < 0x80 || b(k) > 0xBF) return 0;
  }
  return len;
}

// Offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_sequence(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

// GB 18030 → UTF-8 with glibc's iconv; false when the bytes are not GB 18030.
bool gb18030_to_utf8(std::string_view in, std::string& out) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out.assign(in.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());  // iconv's signature; the input is not written
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  bool ok = true;
  while (src_left > 0) {
    if (iconv(cd, &src, &src_left, &dst, &dst_left) != static_cast<std::size_t>(-1)) break;
    if (errno != E2BIG) {  // EILSEQ or EINVAL: not GB 18030, or cut off inside a character
      ok = false;
      break;
    }
    const std::size_t used = out.size() - dst_left;
    out.resize(out.size() * 2);
    dst = out.data() + used;
    dst_left = out.size() - used;
  }
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return ok;
}

std::mutex& notice_mutex() {
  static std::mutex m;
  return m;
}

NoticeHandler& notice_handler() {
  static NoticeHandler h;
  return h;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  return first_invalid_utf8(s) == std::string_view::npos;
}

std::string escape_invalid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[i]));
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

std::string_view utf8_suffix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t start = s.size() - max_bytes;
  while (start < s.size() && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) ++start;
  return s.substr(start);
}

std::string read_file_bytes(const fs::path& path, std::string_view what, std::size_t max_bytes) {
  // stat before open: opening a named pipe for reading blocks until a writer comes.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int e = errno;
    if (e == ENOENT || e == ENOTDIR) {
      throw DataMissing(fmt::format("{} '{}' does not exist", what, path.string()));
    }
    throw InvalidInput(
        fmt::format("{} '{}': cannot read it: {}", what, path.string(), std::strerror(e)));
  }
  if (!S_ISREG(st.st_mode)) {
    const char* kind = S_ISDIR(st.st_mode)    ? "a folder"
                       : S_ISFIFO(st.st_mode) ? "a named pipe"
                       : S_ISCHR(st.st_mode)  ? "a character device"
                       : S_ISBLK(st.st_mode)  ? "a block device"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                                              : "not a regular file";
    throw InvalidInput(
        fmt::format("{} '{}' is {}; expected a regular file", what, path.string(), kind));
  }
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) {
    throw InvalidInput(fmt::format("{} '{}' is {} bytes; the limit is {} bytes", what,
                                   path.string(), st.st_size, max_bytes));
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    throw InvalidInput(
        fmt::format("{} '{}': cannot open it: {}", what, path.string(), std::strerror(errno)));
  }
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(st.st_size));
  std::size_t have = 0;
  int err = 0;
  while (true) {
    if (have == bytes.size()) {
      if (bytes.size() > max_bytes) break;  // grew while being read
      bytes.resize(std::min(max_bytes + 1, std::max<std::size_t>(4096, bytes.size() * 2)));
    }
    const ssize_t n = ::read(fd, bytes.data() + have, bytes.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      err = errno;
      break;
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (err != 0) {
    throw InvalidInput(
        fmt::format("{} '{}': cannot read it: {}", what, path.string(), std::strerror(err)));
  }
  if (have > max_bytes) {
    throw InvalidInput(
        fmt::format("{} '{}' is more than {} bytes, the limit", what, path.string(), max_bytes));
  }
  bytes.resize(have);
  return bytes;
}

DecodedText decode_text(std::string bytes, std::string_view origin) {
  DecodedText out;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.erase(0, 3);
    out.encoding = TextEncoding::utf8_bom;
  }
  const std::size_t bad = first_invalid_utf8(bytes);
  if (bad == std::string::npos) {
    out.text = std::move(bytes);
    return out;
  }
  std::string converted;
  if (out.encoding == TextEncoding::utf8 && gb18030_to_utf8(bytes, converted) &&
      is_valid_utf8(converted)) {
    out.text = std::move(converted);
    out.encoding = TextEncoding::gb18030;
    return out;
  }
  // Neither: say where, and show the bytes escaped.
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < bad; ++i) {
    if (bytes[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  const std::string_view prefix(bytes.data() + line_start, bad - line_start);
  std::size_t column = 1;
  for (std::size_t i = 0; i < prefix.size(); i += utf8_sequence(prefix, i)) ++column;
  const std::string_view around(bytes.data() + bad, std::min<std::size_t>(8, bytes.size() - bad));
  throw InvalidInput(fmt::format(
      "{}:{}:{}: the bytes '{}' are not UTF-8 text{}; save the file as UTF-8 (in Excel: "
      "Save As, \"CSV UTF-8 (Comma delimited)\")",
      origin, line, column, escape_invalid_utf8(around),
      out.encoding == TextEncoding::utf8 ? " nor GB 18030 (GBK)" : " (after a UTF-8 mark)"));
}

std::string read_text_file(const fs::path& path, std::string_view what, std::size_t max_bytes) {
  DecodedText t = decode_text(read_file_bytes(path, what, max_bytes), path.string());
  if (t.encoding == TextEncoding::gb18030) {
    notice(
        fmt::format("{} '{}' is not UTF-8; read it as GB 18030 (GBK), the encoding of "
                    "Chinese Excel's \"CSV (Comma delimited)\"",
                    what, path.string()));
  }
  return std::move(t.text);
}

void notice(const std::string& message) {
  std::lock_guard lock(notice_mutex());
  if (notice_handler()) notice_handler()(escape_invalid_utf8(message));
}

NoticeHandler set_notice_handler(NoticeHandler handler) {
  std::lock_guard lock(notice_mutex());
  return std::exchange(notice_handler(), std::move(handler));
}

}  // namespace heatlift::core
