#include "LifeUniversePanel.h"

#include "LifeLab.h"
#include "LifeModel.h"
#include "LifeUniverse.h"
#include "LifeUniverseView.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace algoscope::ui {

LifeUniversePanel::LifeUniversePanel(LifeLab* lab, LifeUniverse* universe, LifeUniverseView* view,
                                     QWidget* parent)
    : Panel(QStringLiteral("life"), QStringLiteral("unbounded"), tr("Unbounded (HashLife)"),
            parent),
      m_lab(lab), m_universe(universe), m_view(view) {
    setDefaultArea(Qt::RightDockWidgetArea);
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    auto* note = new QLabel(tr("Choose the topology \"Unbounded\" in the controls to run the "
                               "board on the infinite plane with HashLife."),
                            body);
    note->setWordWrap(true);
    layout->addWidget(note);

    auto* form = new QFormLayout;
    m_exponent = new QSpinBox(body);
    m_exponent->setObjectName(QStringLiteral("life.unbounded.exponent"));
    m_exponent->setRange(0, 900);
    m_exponent->setPrefix(QStringLiteral("2^"));
    m_exponent->setToolTip(tr("Generations per step (Play and Step): 2^k, one HashLife jump"));
    form->addRow(tr("Step"), m_exponent);
    m_hyper = new QCheckBox(tr("Hyperspeed (double the step while steps are quick)"), body);
    form->addRow(m_hyper);
    auto* goRow = new QHBoxLayout;
    m_goTo = new QLineEdit(body);
    m_goTo->setObjectName(QStringLiteral("life.unbounded.goto"));
    m_goTo->setPlaceholderText(tr("N or 2^k"));
    auto* go = new QPushButton(tr("Go"), body);
    goRow->addWidget(m_goTo);
    goRow->addWidget(go);
    form->addRow(tr("Go to generation"), goRow);
    m_memory = new QSpinBox(body);
    m_memory->setRange(4, 1 << 20);
    m_memory->setSuffix(tr(" MiB"));
    m_memory->setToolTip(tr("HashLife memory limit: garbage collection keeps the nodes within "
                            "it; a pattern that cannot fit stops with a message"));
    form->addRow(tr("Memory limit"), m_memory);
    layout->addLayout(form);

    auto* buttons = new QHBoxLayout;
    auto* fit = new QPushButton(tr("Fit pattern"), body);
    auto* fromBoard = new QPushButton(tr("Restart from board"), body);
    fromBoard->setToolTip(tr("Load the bounded board (centred) into the unbounded plane"));
    buttons->addWidget(fit);
    buttons->addWidget(fromBoard);
    layout->addLayout(buttons);
    auto* files = new QHBoxLayout;
    auto* open = new QPushButton(tr("Open .mc/.rle…"), body);
    auto* save = new QPushButton(tr("Save .mc…"), body);
    files->addWidget(open);
    files->addWidget(save);
    layout->addLayout(files);

    auto* stats = new QFormLayout;
    auto label = [body](const char* name) {
        auto* l = new QLabel(body);
        l->setObjectName(QString::fromLatin1(name));
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
        return l;
    };
    m_generation = label("life.unbounded.generation");
    m_population = label("life.unbounded.population");
    m_bbox = label("life.unbounded.bbox");
    m_nodes = label("life.unbounded.nodes");
    m_bytes = label("life.unbounded.bytes");
    m_hitRate = label("life.unbounded.hitRate");
    m_gc = label("life.unbounded.gc");
    m_seconds = label("life.unbounded.seconds");
    stats->addRow(tr("Generation"), m_generation);
    stats->addRow(tr("Population"), m_population);
    stats->addRow(tr("Bounding box"), m_bbox);
    stats->addRow(tr("Nodes"), m_nodes);
    stats->addRow(tr("Memory"), m_bytes);
    stats->addRow(tr("Hit rate"), m_hitRate);
    stats->addRow(tr("Garbage collections"), m_gc);
    stats->addRow(tr("Last step"), m_seconds);
    layout->addLayout(stats);
    layout->addStretch();
    setWidget(body);

    connect(m_exponent, &QSpinBox::valueChanged, m_universe, &LifeUniverse::setStepExponent);
    connect(m_hyper, &QCheckBox::toggled, m_universe, &LifeUniverse::setHyperspeed);
    connect(m_memory, &QSpinBox::editingFinished, this,
            [this] { m_universe->setMemoryLimitMiB(m_memory->value()); });
    auto goTo = [this] {
        QString error;
        if (!m_universe->goTo(m_goTo->text(), &error))
            QMessageBox::warning(this, tr("Go to generation"), error);
    };
    connect(go, &QPushButton::clicked, this, goTo);
    connect(m_goTo, &QLineEdit::returnPressed, this, goTo);
    connect(fit, &QPushButton::clicked, m_view, &LifeUniverseView::fitPattern);
    connect(fromBoard, &QPushButton::clicked, this, [this] {
        QString error;
        if (!m_universe->load(m_lab->model()->board(), m_lab->model()->rule(), &error))
            QMessageBox::warning(this, tr("Unbounded plane"), error);
        else
            m_view->fitPattern();
    });
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open pattern"), QString(),
            tr("Patterns (*.mc *.mc.gz *.rle *.rle.gz *.cells);;All files (*)"));
        QString error;
        if (path.isEmpty())
            return;
        if (!m_universe->openFile(path, &error))
            QMessageBox::warning(this, tr("Cannot open pattern"), error);
        else
            m_view->fitPattern();
    });
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save pattern"), QStringLiteral("pattern.mc"),
            tr("Macrocell (*.mc);;Compressed Macrocell (*.mc.gz);;RLE (*.rle)"));
        QString error;
        if (!path.isEmpty() && !m_universe->saveFile(path, &error))
            QMessageBox::warning(this, tr("Cannot save pattern"), error);
    });
    connect(m_universe, &LifeUniverse::changed, this, &LifeUniversePanel::requestRefresh);
    connect(m_universe, &LifeUniverse::settingsChanged, this, &LifeUniversePanel::requestRefresh);
    refresh();
}

void LifeUniversePanel::refresh() {
    {
        const QSignalBlocker b1(m_exponent), b2(m_hyper), b3(m_memory);
        m_exponent->setValue(m_universe->stepExponent());
        m_hyper->setChecked(m_universe->hyperspeed());
        m_memory->setValue(m_universe->memoryLimitMiB());
    }
    if (m_universe->busy())
        return; // the worker owns the universe; the read-outs update when it is done
    const auto& hl = m_universe->hashLife();
    m_generation->setText(withSeparators(hl.generation()));
    m_population->setText(withSeparators(hl.population()));
    if (const auto bb = hl.boundingBox())
        m_bbox->setText(tr("%1 × %2 at (%3, %4)")
                            .arg(withSeparators(bb->width), withSeparators(bb->height),
                                 withSeparators(bb->x), withSeparators(bb->y)));
    else
        m_bbox->setText(tr("empty"));
    const auto s = hl.stats();
    m_nodes->setText(tr("%1 nodes + %2 leaves (root level %3)")
                         .arg(withSeparators(s.nodes), withSeparators(s.leaves))
                         .arg(s.rootLevel));
    m_bytes->setText(tr("%1 MiB of %2 MiB")
                         .arg(double(s.bytes) / (1 << 20), 0, 'f', 1)
                         .arg(s.memoryLimit >> 20));
    m_hitRate->setText(QStringLiteral("%1 %").arg(100.0 * s.hitRate(), 0, 'f', 1));
    m_gc->setText(QString::number(s.gcRuns));
    m_seconds->setText(tr("%1 s").arg(m_universe->lastSeconds(), 0, 'g', 3));
}

} // namespace algoscope::ui
