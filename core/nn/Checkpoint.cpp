#include "nn/Checkpoint.h"

#include "util/Error.h"
#include "util/Safetensors.h"

#include <cmath>
#include <set>

namespace algoscope::nn {

namespace {

util::SafeTensor toTensor(const Matrix& m) {
    std::vector<std::int64_t> shape = m.rows() == 1 ? std::vector<std::int64_t>{m.cols()}
                                                    : std::vector<std::int64_t>{m.rows(), m.cols()};
    return util::makeSafeTensor(m.data(), std::move(shape));
}

Matrix toMatrix(const std::string& name, const util::SafeTensor& t) {
    if (t.dtype != "F32")
        throw util::Error("tensor " + name + " is " + t.dtype + ", expected F32");
    Eigen::Index rows = 1, cols = 1;
    if (t.shape.size() == 1)
        cols = Eigen::Index(t.shape[0]);
    else if (t.shape.size() == 2) {
        rows = Eigen::Index(t.shape[0]);
        cols = Eigen::Index(t.shape[1]);
    } else
        throw util::Error("tensor " + name + " has rank " + std::to_string(t.shape.size()) +
                          ", expected 1 or 2");
    const auto data = t.as<float>();
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) {
        const float v = data[std::size_t(i)];
        if (!std::isfinite(v))
            throw util::Error("tensor " + name +
                              " holds a NaN or infinite value (corrupt weights)");
        m.data()[i] = v;
    }
    return m;
}

} // namespace

void saveParameters(const std::string& path, const ParameterList& params, const Metadata& metadata,
                    const std::map<std::string, Matrix>& extra) {
    util::SafetensorsFile file;
    file.metadata = metadata;
    for (const Parameter* p : params)
        file.tensors[p->name] = toTensor(p->value);
    for (const auto& [name, m] : extra)
        file.tensors[name] = toTensor(m);
    util::writeSafetensors(path, file);
}

Metadata readMetadata(const std::string& path) {
    return util::readSafetensors(path).metadata;
}

LoadedFile loadParameters(const std::string& path, const ParameterList& params, bool allowExtra) {
    return loadParameters(util::readSafetensors(path), path, params, allowExtra);
}

LoadedFile loadParameters(const util::SafetensorsFile& file, const std::string& path,
                          const ParameterList& params, bool allowExtra) {
    LoadedFile loaded;
    loaded.metadata = file.metadata;
    std::set<std::string> used;
    for (Parameter* p : params) {
        auto it = file.tensors.find(p->name);
        if (it == file.tensors.end())
            throw util::Error(path + ": no tensor '" + p->name + "' (not a model of this kind)");
        Matrix m = toMatrix(p->name, it->second);
        if (m.rows() != p->value.rows() || m.cols() != p->value.cols())
            throw util::Error(path + ": tensor '" + p->name + "' is " + std::to_string(m.rows()) +
                              "x" + std::to_string(m.cols()) + ", the model needs " +
                              std::to_string(p->value.rows()) + "x" +
                              std::to_string(p->value.cols()));
        p->value = std::move(m);
        used.insert(p->name);
    }
    for (const auto& [name, t] : file.tensors) {
        if (used.count(name))
            continue;
        if (!allowExtra)
            throw util::Error(path + ": unexpected tensor '" + name + "'");
        loaded.extra[name] = toMatrix(name, t);
    }
    return loaded;
}

} // namespace algoscope::nn
