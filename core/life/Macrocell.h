#pragma once
// Golly's Macrocell format (.mc, and gzip-compressed .mc.gz): a HashLife quadtree written one
// node per line, children before parents (Golly's Help > File Formats):
//   [M2] (golly 3.3)          header: the first line starts with "[M2]"
//   #R B3/S23                 rule (optional; B3/S23 when absent)
//   #G 1000000                generation (optional, a decimal integer of any size)
//   #C comment ...            other '#' lines: comments (kept), #FRAME lines (ignored)
//   $$..*$...*$.***$          a leaf: an 8 x 8 block, rows ended by '$', '.' dead, '*' alive,
//                             trailing dead cells and rows omitted
//   4 0 1 0 2                 a node of level k (2^k x 2^k cells): k, then nw ne sw se as
//                             1-based line numbers of earlier nodes (0 = empty); level 4's
//                             children are leaves
// The last node is the root, centred on the origin. Malformed text throws ParseError with the
// line and column; a file whose nodes exceed the HashLife memory limit throws util::LimitError.
#include "life/HashLife.h"

#include <string>
#include <string_view>
#include <vector>

namespace algoscope::life {

struct MacrocellInfo {
    Rule rule;
    mpz_class generation;
    std::vector<std::string> comments; ///< "#C" lines without the "#C " prefix
};

/// Parses Macrocell text into hl: replaces its pattern, sets its rule and generation.
MacrocellInfo readMacrocell(std::string_view text, HashLife& hl);
/// Macrocell text of hl's pattern, rule and generation, with one "#C" line per comment.
std::string writeMacrocell(const HashLife& hl, const std::vector<std::string>& comments = {});

/// Whether bytes start with the gzip magic number (1f 8b).
bool isGzip(std::string_view bytes) noexcept;
/// Decompresses a gzip stream (util::Error when corrupt, util::LimitError beyond maxBytes).
std::string gunzip(std::string_view bytes, std::uint64_t maxBytes);
/// gzip-compresses bytes (what Golly writes for .mc.gz and reads for .rle.gz).
std::string gzip(std::string_view bytes);

} // namespace algoscope::life
