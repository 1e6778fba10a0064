// The edge where files from users come in: every file read whole goes through here.
//
// A path that is not a regular file (a folder, /dev/zero, a named pipe, a socket) is
// refused before it is opened, so nothing can block or read forever; a file larger than
// a cap is refused before it is read. Text is UTF-8 inside heatlift: a UTF-8 byte-order
// mark (Excel's "CSV UTF-8") is dropped, and a file that is not UTF-8 but is valid
// GB 18030 (GBK is its two-byte subset: what Chinese Excel writes by default) is converted,
// with a notice. Anything else is refused naming the line, the column and the bad bytes,
// escaped, so no invalid UTF-8 ever reaches a message or a JSON document.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace heatlift::core {

/// The largest input file heatlift reads whole (a year of 1-minute telemetry is ~60 MB).
inline constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;

enum class TextEncoding { utf8, utf8_bom, gb18030 };

struct DecodedText {
  std::string text;  ///< UTF-8, without a byte-order mark
  TextEncoding encoding = TextEncoding::utf8;
};

/// The bytes of a whole file. Throws InvalidInput naming `what` and the path when the path
/// is not a regular file or is larger than `max_bytes`, DataMissing when it does not exist.
std::string read_file_bytes(const std::filesystem::path& path, std::string_view what,
                            std::size_t max_bytes = kMaxInputBytes);

/// Text as UTF-8 (see the file comment). `origin` names the file in messages.
DecodedText decode_text(std::string bytes, std::string_view origin);

/// read_file_bytes + decode_text; a GB 18030 file is reported through notice().
std::string read_text_file(const std::filesystem::path& path, std::string_view what,
                           std::size_t max_bytes = kMaxInputBytes);

/// Whether `s` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view s);

/// `s` with each byte that is not part of well-formed UTF-8 written as \xNN.
std::string escape_invalid_utf8(std::string_view s);

/// The longest start of `s` of at most `max_bytes` that does not cut a UTF-8 character
/// (for quoting a piece of input in a message).
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);
/// The same for the end of `s`.
std::string_view utf8_suffix(std::string_view s, std::size_t max_bytes);

/// Messages for the person running heatlift that are not errors (a file converted from
/// GB 18030, say). The command line installs a handler that prints them on stderr; with
/// none installed they are dropped. The handler must be safe to call from any thread.
void notice(const std::string& message);
using NoticeHandler = std::function<void(const std::string&)>;
/// Installs `handler` (or none) and returns the one it replaces.
NoticeHandler set_notice_handler(NoticeHandler handler);

}  // namespace heatlift::core
