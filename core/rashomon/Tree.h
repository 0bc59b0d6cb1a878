#pragma once
// A decision tree on binary features: each internal node tests one feature (x_j = 1 goes to the
// "yes" child), each leaf predicts a class. Features may repeat along a path.
#include "rashomon/Binarizer.h"

#include <string>
#include <vector>

namespace algoscope::rashomon {

/// Which trees make up the hypothesis space F.
enum class TreeSpace {
    MaxDepth, ///< trees of depth at most D: every node is a leaf or a split
    FullDepth ///< complete trees of depth exactly D: |F| = p^(2^D - 1) * C^(2^D)
};

struct Tree {
    struct Node {
        int feature = -1; // -1: leaf
        int label = 0;    // leaves only
        int yes = -1;     // child for x_feature = 1
        int no = -1;      // child for x_feature = 0
    };
    std::vector<Node> nodes; // nodes[0] is the root

    int predict(const BinaryData& data, std::size_t row) const;
    int errors(const BinaryData& data) const;
    int leaves() const;
    int depth() const;
    /// Indented text, one node per line, in the binary features' names ("petal length <= 2.45").
    std::string toText(const BinaryData& data) const;
    /// Training points reaching each node (indexed like nodes) and, at the leaves, how many of
    /// them the leaf's label gets wrong (0 at split nodes).
    struct NodeStats {
        int points = 0;
        int wrong = 0;
    };
    std::vector<NodeStats> nodeStats(const BinaryData& data) const;
    /// A canonical one-line form, e.g. "(3 L0 L1)"; equal strings = equal trees.
    std::string key() const;
    bool operator==(const Tree&) const = default;
};

} // namespace algoscope::rashomon
