#pragma once
// Fuzz body of the Rashomon lab's CSV reader (same contract as FuzzBodies.h: util::Error /
// util::LimitError are the parser doing its job and are swallowed; anything else, a crash, a
// sanitizer report or a broken invariant is a bug). Wrapped by tests/fuzz/FuzzCsv.cpp and
// replayed by tests/fuzzcorpus/TestFuzzCorpus.cpp. On success the parsed table must be
// consistent, binarise, and (when small) count trees of depth 2 whose total equals |F|.
#include "rashomon/Binarizer.h"
#include "rashomon/Dataset.h"
#include "rashomon/TreeCounter.h"
#include "util/Error.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace algoscope::fuzz {

namespace rashomon_bodies {
struct InvariantError : std::logic_error {
    using std::logic_error::logic_error;
};
inline void check(bool condition, const char* what) {
    if (!condition)
        throw InvariantError(std::string("fuzz invariant violated: ") + what);
}
} // namespace rashomon_bodies

inline int fuzzCsv(const std::uint8_t* data, std::size_t size) {
    using rashomon_bodies::check;
    const std::string_view text = size == 0
                                      ? std::string_view()
                                      : std::string_view(reinterpret_cast<const char*>(data), size);
    // The first byte, when present, picks the class column option (exercising --class).
    rashomon::CsvOptions opt;
    if (size > 0 && data[0] == '#') {
        opt.classColumn = std::to_string(size % 4);
    }
    try {
        const rashomon::Dataset d = rashomon::parseCsv(text, opt, "fuzz.csv");
        check(d.rows() >= 1, "at least one row");
        check(d.x.size() == d.rows() * d.cols(), "x holds rows * cols values");
        check(d.classes() >= 1, "at least one class");
        for (double v : d.x)
            check(std::isfinite(v), "finite values");
        for (int y : d.y)
            check(y >= 0 && y < d.classes(), "labels in range");
        const rashomon::BinaryData b = rashomon::binarize(d, rashomon::BinarizeSpec{});
        check(b.rows() == d.rows(), "binarised rows");
        if (b.rows() <= 64 && b.cols() <= 16) {
            rashomon::TreeCounter tc(b, rashomon::TreeSpace::MaxDepth, 2);
            check(tc.exactSetSize(int(b.rows())) == tc.spaceSize(),
                  "all errors counted: the set is the whole space");
        }
    } catch (const util::Error&) {
    }
    return 0;
}

} // namespace algoscope::fuzz
