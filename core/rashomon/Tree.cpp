#include "rashomon/Tree.h"

#include <algorithm>
#include <functional>

namespace algoscope::rashomon {

int Tree::predict(const BinaryData& data, std::size_t row) const {
    int i = 0;
    while (nodes[std::size_t(i)].feature >= 0) {
        const Node& nd = nodes[std::size_t(i)];
        i = data.bit(row, std::size_t(nd.feature)) ? nd.yes : nd.no;
    }
    return nodes[std::size_t(i)].label;
}

int Tree::errors(const BinaryData& data) const {
    int e = 0;
    for (std::size_t r = 0; r < data.rows(); ++r)
        e += predict(data, r) != data.y[r];
    return e;
}

int Tree::leaves() const {
    return int(
        std::count_if(nodes.begin(), nodes.end(), [](const Node& n) { return n.feature < 0; }));
}

int Tree::depth() const {
    std::function<int(int)> rec = [&](int i) -> int {
        const Node& n = nodes[std::size_t(i)];
        return n.feature < 0 ? 0 : 1 + std::max(rec(n.yes), rec(n.no));
    };
    return nodes.empty() ? 0 : rec(0);
}

std::vector<Tree::NodeStats> Tree::nodeStats(const BinaryData& data) const {
    std::vector<NodeStats> out(nodes.size());
    if (nodes.empty())
        return out;
    for (std::size_t r = 0; r < data.rows(); ++r) {
        int i = 0;
        while (true) {
            ++out[std::size_t(i)].points;
            const Node& nd = nodes[std::size_t(i)];
            if (nd.feature < 0) {
                out[std::size_t(i)].wrong += nd.label != data.y[r];
                break;
            }
            i = data.bit(r, std::size_t(nd.feature)) ? nd.yes : nd.no;
        }
    }
    return out;
}

std::string Tree::toText(const BinaryData& data) const {
    std::string out;
    std::function<void(int, int, const std::string&)> rec = [&](int i, int indent,
                                                                const std::string& prefix) {
        const Node& n = nodes[std::size_t(i)];
        out += std::string(std::size_t(indent) * 2, ' ') + prefix;
        if (n.feature < 0) {
            const std::string cls = n.label < data.classes() ? data.classNames[std::size_t(n.label)]
                                                             : std::to_string(n.label);
            out += "predict " + cls + "\n";
            return;
        }
        const std::string name = n.feature < int(data.cols())
                                     ? data.features[std::size_t(n.feature)].name
                                     : "f" + std::to_string(n.feature);
        out += "if " + name + ":\n";
        rec(n.yes, indent + 1, "");
        out += std::string(std::size_t(indent) * 2, ' ') + "else:\n";
        rec(n.no, indent + 1, "");
    };
    if (!nodes.empty())
        rec(0, 0, "");
    return out;
}

std::string Tree::key() const {
    std::function<std::string(int)> rec = [&](int i) -> std::string {
        const Node& n = nodes[std::size_t(i)];
        if (n.feature < 0)
            return "L" + std::to_string(n.label);
        return "(" + std::to_string(n.feature) + " " + rec(n.yes) + " " + rec(n.no) + ")";
    };
    return nodes.empty() ? "" : rec(0);
}

} // namespace algoscope::rashomon
