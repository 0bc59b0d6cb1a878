#include "AttentionCountersPanel.h"

#include "AttentionModel.h"

#include "attention/NaCounters.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace algoscope::ui {

using attention::Impl;

AttentionCountersPanel::AttentionCountersPanel(AttentionModel* model, QWidget* parent)
    : Panel(QStringLiteral("attention"), QStringLiteral("counters"), tr("Counters"), parent),
      m_model(model) {
    setDefaultArea(Qt::BottomDockWidgetArea);
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    m_header = new QLabel(body);
    m_header->setWordWrap(true);
    m_table = new QTableWidget(body);
    m_table->setObjectName(QStringLiteral("attention.counters"));
    m_table->setColumnCount(7);
    m_table->setHorizontalHeaderLabels(
        {tr("useful MFLOP"), tr("executed MFLOP"), tr("score tensor KiB"), tr("q/k/v KiB loaded"),
         tr("K/V KiB per tile"), tr("queries per tile"), tr("FLOP / byte")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMinimumHeight(200); // all six implementations visible
    m_table->setMaximumHeight(240);
    layout->addWidget(m_header);
    layout->addWidget(m_table);
    setWidget(body);
    connect(m_model, &AttentionModel::settingsChanged, this,
            &AttentionCountersPanel::requestRefresh);
    refresh();
}

void AttentionCountersPanel::refresh() {
    const auto& s = m_model->settings();
    const QString why = m_model->invalidReason();
    if (!why.isEmpty()) {
        m_header->setText(tr("Invalid setting: %1").arg(why));
        m_table->setRowCount(0);
        return;
    }
    attention::NaShape shape;
    shape.batch = 1;
    shape.heads = s.heads;
    shape.headDim = s.headDim;
    shape.sizes = m_model->sizes();
    const auto params = m_model->params();
    m_header->setText(tr("Batch 1, %1 heads, head_dim %2, %3 tokens, window %4: work and data "
                         "movement per implementation (exact, from the index math and each "
                         "kernel's tiling).")
                          .arg(s.heads)
                          .arg(s.headDim)
                          .arg(shape.tokens())
                          .arg(params.windowVolume()));
    const Impl impls[] = {Impl::Naive,      Impl::Gemm,     Impl::Fused,
                          Impl::MaskedGemm, Impl::GpuNaive, Impl::GpuFused};
    m_table->setRowCount(6);
    int row = 0;
    for (Impl impl : impls) {
        const attention::NaCounters c = attention::countWork(impl, shape, params);
        m_table->setVerticalHeaderItem(
            row, new QTableWidgetItem(QString::fromLatin1(attention::implName(impl).data())));
        const double values[] = {
            c.usefulFlops * 1e-6, c.executedFlops * 1e-6,    c.scoreBytes / 1024.0,
            c.qkvBytes / 1024.0,  c.kvBytesPerTile / 1024.0, c.queriesPerTile,
            c.intensity()};
        for (int col = 0; col < 7; ++col) {
            auto* item = new QTableWidgetItem(QString::number(values[col], 'g', 4));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, col, item);
        }
        ++row;
    }
}

} // namespace algoscope::ui
