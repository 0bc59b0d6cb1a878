#pragma once
// State of the neighbourhood-attention lab: the explorer's grid and NATTEN parameters (edited
// only through SetAttentionSettingsCmd on the lab's undo stack), the hovered position (not an
// edit), and the last benchmark. Validity comes from core (attention::invalidReason), so the
// GUI shows NATTEN's own rule and reason instead of clamping.
#include "attention/NaImage.h"
#include "attention/NaIndex.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QVector>

#include <array>
#include <memory>
#include <optional>

namespace algoscope::ui {

struct AttentionSettings {
    int rank = 2;                    ///< 1 (a strip) or 2 (a grid)
    std::array<int, 2> size{24, 24}; ///< [rows, columns]; rank 1 uses size[1]
    std::array<int, 2> kernel{7, 7};
    std::array<int, 2> dilation{1, 1};
    std::array<int, 2> stride{1, 1};
    std::array<bool, 2> causal{false, false};
    std::array<int, 2> query{12, 12}; ///< the selected position [row, column]
    bool inverse = false;             ///< show which queries see the selected key
    int heads = 4;                    ///< for the counters and the benchmark
    int headDim = 32;
    int benchMaxKernel = 13;
    std::array<int, 2> imageQuery{22, 38}; ///< the heatmap's query pixel [row, column]
    bool operator==(const AttentionSettings&) const = default;

    static constexpr int kMaxSide = 256;
    QJsonObject toJson() const;
    static AttentionSettings fromJson(const QJsonObject& o);
};

struct AttentionBenchPoint {
    QString impl;
    int kernel = 0;
    double ms = 0;
};

class AttentionModel : public QObject {
    Q_OBJECT
public:
    explicit AttentionModel(QObject* parent = nullptr);

    const AttentionSettings& settings() const { return m_settings; }
    void setSettings(const AttentionSettings& s);

    /// Spatial sizes and parameters of the current setting, outermost axis first.
    std::vector<int> sizes() const;
    attention::NaParams params() const;
    /// NATTEN's reason the setting is invalid, or empty.
    QString invalidReason() const;
    bool isValid() const { return invalidReason().isEmpty(); }
    /// The selected query (or key, in the inverse view) as core coordinates, clamped to the grid.
    std::vector<int> selected() const;
    /// The position under the mouse, if any; it overrides the selection in the views.
    void setHover(std::optional<std::array<int, 2>> rowColumn);
    std::optional<std::array<int, 2>> hover() const { return m_hover; }
    /// Hover if any, else the selected query, as core coordinates.
    std::vector<int> focus() const;

    const QVector<AttentionBenchPoint>& bench() const { return m_bench; }
    void setBench(QVector<AttentionBenchPoint> points);

    /// The image heatmap's scores for the current 2-D setting (null until computed or when the
    /// setting is invalid for the image; imageError() then says why).
    std::shared_ptr<const attention::ImageAttention> imageAttention() const { return m_image; }
    QString imageError() const { return m_imageError; }
    void setImageAttention(std::shared_ptr<const attention::ImageAttention> a, QString error = {});
    /// The 2-D parameters the heatmap uses: the grid's per-axis settings (rank 1: the column
    /// axis's on both axes).
    attention::NaParams imageParams() const;

Q_SIGNALS:
    void settingsChanged();
    void hoverChanged();
    void benchChanged();
    void imageChanged();

private:
    AttentionSettings m_settings;
    std::optional<std::array<int, 2>> m_hover;
    QVector<AttentionBenchPoint> m_bench;
    std::shared_ptr<const attention::ImageAttention> m_image;
    QString m_imageError;
};

} // namespace algoscope::ui
