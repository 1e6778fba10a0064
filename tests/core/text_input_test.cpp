// The input edge: regular files only, a size cap, UTF-8 with or without a BOM, GB 18030
// (Chinese Excel's default) converted, anything else refused with the bytes escaped.
#include "heatlift/core/text_input.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "heatlift/core/error.hpp"

namespace heatlift::core {
namespace {

std::string temp_path(const std::string& name) {
  return ::testing::TempDir() + "heatlift_text_" + std::to_string(::getpid()) + "_" + name;
}

std::string write(const std::string& name, const std::string& bytes) {
  const std::string p = temp_path(name);
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

template <class E, class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  ADD_FAILURE() << "no exception of the expected type";
  return {};
}

TEST(Utf8, ValidAndInvalidSequences) {
  EXPECT_TRUE(is_valid_utf8("plain ASCII, 45 C"));
  EXPECT_TRUE(is_valid_utf8("石家庄 °C ✓ 😀"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE4\xB8"));          // cut off
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(Utf8, EscapeKeepsGoodTextAndWritesBadBytesAsHex) {
  EXPECT_EQ(escape_invalid_utf8("北京"), "北京");
  EXPECT_EQ(escape_invalid_utf8("a\xFF"
                                "b\xC3"),
            "a\\xFFb\\xC3");
  EXPECT_TRUE(is_valid_utf8(escape_invalid_utf8("\x80\x81\xFE\xFF\xC0\xAF")));
}

TEST(DecodeText, DropsTheUtf8ByteOrderMark) {
  const auto t = decode_text("\xEF\xBB\xBFname,COP\nA,3.1\n", "p.csv");
  EXPECT_EQ(t.text, "name,COP\nA,3.1\n");
  EXPECT_EQ(t.encoding, TextEncoding::utf8_bom);
}

TEST(DecodeText, ConvertsGbkFromChineseExcel) {
  // "名称,制造商\n示例热泵,石家庄\n" as Chinese Excel's "CSV (逗号分隔)" saves it (code page
  // 936, GBK): each ideograph two bytes.
  const std::string gbk =
      "\xC3\xFB\xB3\xC6,\xD6\xC6\xD4\xEC\xC9\xCC\n"
      "\xCA\xBE\xC0\xFD\xC8\xC8\xB1\xC3,\xCA\xAF\xBC\xD2\xD7\xAF\n";
  const auto t = decode_text(gbk, "p.csv");
  EXPECT_EQ(t.encoding, TextEncoding::gb18030);
  EXPECT_EQ(t.text, "名称,制造商\n示例热泵,石家庄\n");
}

TEST(DecodeText, RefusesWhatIsNeitherNamingLineColumnAndBytes) {
  // 0xFF never occurs in GB 18030, nor in UTF-8.
  const std::string msg =
      message_of<InvalidInput>([] { decode_text("name,COP\nAB\xFF\xFE,3\n", "products.csv"); });
  EXPECT_NE(msg.find("products.csv:2:3"), std::string::npos) << msg;
  EXPECT_NE(msg.find("\\xFF\\xFE"), std::string::npos) << msg;
  EXPECT_NE(msg.find("CSV UTF-8"), std::string::npos) << msg;
  EXPECT_TRUE(is_valid_utf8(msg));
}

TEST(DecodeText, InvalidBytesAfterAByteOrderMarkAreRefused) {
  EXPECT_THROW(decode_text("\xEF\xBB\xBFok\xC3\xFB", "x.csv"), InvalidInput);
}

TEST(ReadFile, RefusesFoldersDevicesAndPipesWithoutBlocking) {
  EXPECT_NE(message_of<InvalidInput>([] {
              read_file_bytes("/dev/zero", "weather file");
            }).find("'/dev/zero' is a character device; expected a regular file"),
            std::string::npos);
  EXPECT_NE(
      message_of<InvalidInput>([] { read_file_bytes("/tmp", "weather file"); }).find("is a folder"),
      std::string::npos);
  const std::string fifo = temp_path("pipe");
  ::unlink(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // Opening a named pipe with no writer would block forever; it must be refused first.
  EXPECT_NE(message_of<InvalidInput>([&] {
              read_file_bytes(fifo, "weather file");
            }).find("is a named pipe"),
            std::string::npos);
  ::unlink(fifo.c_str());
}

TEST(ReadFile, MissingFileIsDataMissingNamingThePath) {
  const std::string msg =
      message_of<DataMissing>([] { read_file_bytes("/nonexistent/w.epw", "EPW file"); });
  EXPECT_NE(msg.find("EPW file '/nonexistent/w.epw' does not exist"), std::string::npos) << msg;
}

TEST(ReadFile, CapsTheSize) {
  const std::string p = write("big.csv", std::string(5000, 'x'));
  EXPECT_EQ(read_file_bytes(p, "file", 5000).size(), 5000u);
  const std::string msg = message_of<InvalidInput>([&] { read_file_bytes(p, "file", 4999); });
  EXPECT_NE(msg.find("is 5000 bytes; the limit is 4999 bytes"), std::string::npos) << msg;
  ::unlink(p.c_str());
}

TEST(ReadTextFile, ReportsAConvertedFileAsANotice) {
  std::vector<std::string> notes;
  auto previous = set_notice_handler([&](const std::string& m) { notes.push_back(m); });
  const std::string p = write("gbk.csv", "\xC3\xFB\xB3\xC6\n");
  EXPECT_EQ(read_text_file(p, "products file"), "名称\n");
  set_notice_handler(std::move(previous));
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("GB 18030"), std::string::npos);
  ::unlink(p.c_str());
}

}  // namespace
}  // namespace heatlift::core

namespace heatlift::core {
namespace {

TEST(Utf8, PrefixAndSuffixNeverCutACharacter) {
  const std::string s = "LO噜噜噜";      // 2 + 3 × 3 bytes
  EXPECT_EQ(utf8_prefix(s, 6), "LO噜");  // 6 bytes would end inside the second 噜
  EXPECT_EQ(utf8_prefix(s, 5), "LO噜");
  EXPECT_EQ(utf8_prefix(s, 4), "LO");
  EXPECT_EQ(utf8_prefix(s, 100), s);
  EXPECT_EQ(utf8_suffix(s, 4), "噜");
  EXPECT_EQ(utf8_suffix(s, 2), "");
  for (std::size_t n = 0; n <= s.size(); ++n) {
    EXPECT_TRUE(is_valid_utf8(utf8_prefix(s, n))) << n;
    EXPECT_TRUE(is_valid_utf8(utf8_suffix(s, n))) << n;
  }
}

}  // namespace
}  // namespace heatlift::core
