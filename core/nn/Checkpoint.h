#pragma once
// Model weights as safetensors: one F32 tensor per Parameter under its name, shape [rows, cols]
// (a [1, n] parameter, i.e. biases and norms, is stored as [n] like PyTorch), plus a string
// metadata block (architecture, training command, seed, ...). Loading checks that the file holds
// exactly the model's parameters with the right shapes and finite values, so a corrupt or
// mismatched file is refused with a message naming the tensor.
#include "nn/Tensor.h"

#include <map>
#include <string>

namespace algoscope::util {
struct SafetensorsFile;
}

namespace algoscope::nn {

using Metadata = std::map<std::string, std::string>;

/// Writes atomically. extra: additional named tensors (optimiser state in checkpoints).
void saveParameters(const std::string& path, const ParameterList& params, const Metadata& metadata,
                    const std::map<std::string, Matrix>& extra = {});

struct LoadedFile {
    Metadata metadata;
    std::map<std::string, Matrix> extra; // tensors that are not parameters (when allowed)
};

/// Reads the metadata only (to build the model before loading its weights).
Metadata readMetadata(const std::string& path);
/// Fills params from the file. allowExtra: tensors that are not parameters are returned in
/// LoadedFile::extra instead of being an error.
LoadedFile loadParameters(const std::string& path, const ParameterList& params,
                          bool allowExtra = false);
/// The same from a parsed file; label names it in messages.
LoadedFile loadParameters(const util::SafetensorsFile& file, const std::string& label,
                          const ParameterList& params, bool allowExtra = false);

} // namespace algoscope::nn
