// What the access log's appender makes of text before hashing and storing it.
#include <gtest/gtest.h>

#include "services/audit_log.hpp"

namespace mimamori::services {
namespace {

TEST(StorableText, KeepsValidTextAndReplacesWhatTheDatabaseCannotHold) {
    EXPECT_EQ(storable_text("nurse.sato"), "nurse.sato");
    EXPECT_EQ(storable_text("看護師"), "看護師");
    EXPECT_EQ(storable_text(std::string("a\0b", 3)), "a\xEF\xBF\xBD" "b");
    EXPECT_EQ(storable_text("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
    EXPECT_EQ(storable_text("abcdef", 4), "abcd");
    // Cut at a character boundary, never inside one.
    EXPECT_EQ(storable_text("看護師", 7), "看護");
}

} // namespace
} // namespace mimamori::services
