#include "nn/AdamW.h"

#include "util/Error.h"

#include <cmath>

namespace algoscope::nn {

AdamW::AdamW(ParameterList params, AdamWConfig config)
    : m_params(std::move(params)), m_config(config) {
    for (const Parameter* p : m_params) {
        m_m.push_back(Matrix::Zero(p->value.rows(), p->value.cols()));
        m_v.push_back(Matrix::Zero(p->value.rows(), p->value.cols()));
    }
}

void AdamW::step(double lr) {
    ++m_t;
    const double b1 = m_config.beta1, b2 = m_config.beta2;
    const double c1 = 1.0 - std::pow(b1, double(m_t));
    const double c2 = 1.0 - std::pow(b2, double(m_t));
    const float stepSize = float(lr / c1);
    const float invSqrtC2 = float(1.0 / std::sqrt(c2));
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        Parameter& p = *m_params[i];
        if (p.decay && m_config.weightDecay > 0)
            p.value *= float(1.0 - lr * m_config.weightDecay);
        m_m[i] = float(b1) * m_m[i] + float(1.0 - b1) * p.grad;
        m_v[i] = float(b2) * m_v[i] + float(1.0 - b2) * p.grad.cwiseAbs2();
        p.value.array() -=
            stepSize * m_m[i].array() / (m_v[i].array().sqrt() * invSqrtC2 + float(m_config.eps));
    }
}

std::map<std::string, Matrix> AdamW::state() const {
    std::map<std::string, Matrix> s;
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        s["adam.m." + m_params[i]->name] = m_m[i];
        s["adam.v." + m_params[i]->name] = m_v[i];
    }
    return s;
}

void AdamW::setState(const std::map<std::string, Matrix>& state, long long steps) {
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        for (const char* kind : {"adam.m.", "adam.v."}) {
            auto it = state.find(kind + m_params[i]->name);
            if (it == state.end())
                throw util::Error("checkpoint has no optimiser state for " + m_params[i]->name);
            if (it->second.rows() != m_params[i]->value.rows() ||
                it->second.cols() != m_params[i]->value.cols())
                throw util::Error("checkpoint optimiser state for " + m_params[i]->name +
                                  " has the wrong shape");
            (kind[5] == 'm' ? m_m[i] : m_v[i]) = it->second;
        }
    }
    m_t = steps;
}

double clipGradNorm(const ParameterList& params, double maxNorm) {
    double sq = 0;
    for (const Parameter* p : params)
        sq += double(p->grad.squaredNorm());
    const double norm = std::sqrt(sq);
    if (!std::isfinite(norm))
        throw util::Error("the gradient is not finite (training diverged): lower the learning "
                          "rate or the gradient clip");
    if (norm > maxNorm && norm > 0) {
        const float s = float(maxNorm / norm);
        for (Parameter* p : params)
            p->grad *= s;
    }
    return norm;
}

} // namespace algoscope::nn
