#pragma once
// Fuzz bodies for model files (core/nn, core/lifegpt), same contract as FuzzBodies.h: input
// errors are util::Error / util::LimitError; anything else is a bug.
#include "FuzzBodies.h"

#include "lifegpt/LifeGpt.h"
#include "util/Safetensors.h"

namespace algoscope::fuzz {

/// fuzz_ModelFile: arbitrary bytes as a LifeGPT model file (safetensors + metadata). The loader
/// must refuse bad headers, missing or misshaped tensors, NaN weights and absurd architectures
/// (here capped at 2^20 parameters so the fuzzer's memory limit holds) with an Error; a model
/// that loads must predict a board of its grid.
inline int fuzzModelFile(const std::uint8_t* data, std::size_t size) {
    try {
        const util::SafetensorsFile file = util::parseSafetensors(asText(data, size));
        const lifegpt::LifeGptModel model =
            lifegpt::LifeGptModel::fromFile(file, "fuzz input", std::uint64_t(1) << 20);
        if (model.grid() <= 8) {
            const life::Board board{std::uint64_t(model.grid()), std::uint64_t(model.grid())};
            const auto p = model.predict({board}, 0.0, nullptr);
            require(p.size() == 1 && int(p[0].board.width()) == model.grid(),
                    "prediction has the model's grid");
            for (float c : p[0].confidence)
                require(c >= 0.0f && c <= 1.0f, "confidence is a probability");
        }
    } catch (const util::Error&) {
    }
    return 0;
}

} // namespace algoscope::fuzz
