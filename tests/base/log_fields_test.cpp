#include "base/log_fields.h"

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace mentorcal::base {
namespace {

using Fields = std::vector<std::string>;

TEST(LogFields, HoldTheFieldsOfTheLiveScopesOnly) {
  EXPECT_EQ(LogFields::current(), Fields{});
  {
    const LogFields pair{{LogFields::kPair, "amara-li"}};
    EXPECT_EQ(LogFields::current(), Fields{"MENTORCAL_PAIR=amara-li"});
    {
      const LogFields meeting{{LogFields::kUid, "u1@example.org"}, {LogFields::kPerson, ""}};
      EXPECT_EQ(LogFields::current(),
                (Fields{"MENTORCAL_PAIR=amara-li", "MENTORCAL_UID=u1@example.org"}));
    }
    EXPECT_EQ(LogFields::current(), Fields{"MENTORCAL_PAIR=amara-li"});
  }
  EXPECT_EQ(LogFields::current(), Fields{});
}

TEST(LogFields, AValueEndsAtItsFirstNewline) {
  const LogFields fields{{LogFields::kPerson, "amara\nMENTORCAL_PAIR=forged"}};
  EXPECT_EQ(LogFields::current(), Fields{"MENTORCAL_PERSON=amara"});
}

TEST(LogFields, AreKeptPerThread) {
  const LogFields here{{LogFields::kPair, "amara-li"}};
  Fields there{"not run"};
  std::thread([&] { there = LogFields::current(); }).join();
  EXPECT_EQ(there, Fields{});
  EXPECT_EQ(LogFields::current(), Fields{"MENTORCAL_PAIR=amara-li"});
}

}  // namespace
}  // namespace mentorcal::base
