#include "LifeControlsPanel.h"

#include "LifeCanvas.h"
#include "LifeCommands.h"
#include "LifeLab.h"
#include "LifeModel.h"

#include "life/Rule.h"
#include "util/Error.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <functional>

namespace algoscope::ui {

LifeControlsPanel::LifeControlsPanel(LifeLab* lab, QWidget* parent)
    : Panel(QStringLiteral("life"), QStringLiteral("controls"), tr("Controls"), parent),
      m_lab(lab) {
    setDefaultArea(Qt::LeftDockWidgetArea);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);

    // Run
    auto* run = new QGroupBox(tr("Run"), body);
    auto* runGrid = new QGridLayout(run);
    m_play = new QPushButton(tr("Play"), run);
    m_play->setObjectName(QStringLiteral("life.play"));
    auto* step = new QPushButton(tr("Step"), run);
    auto* stepN = new QPushButton(tr("Step N"), run);
    auto* reset = new QPushButton(tr("Reset"), run);
    runGrid->addWidget(m_play, 0, 0);
    runGrid->addWidget(step, 0, 1);
    runGrid->addWidget(stepN, 1, 0);
    runGrid->addWidget(reset, 1, 1);
    auto* runForm = new QFormLayout;
    m_perStep = new QSpinBox(run);
    m_perStep->setRange(1, 1 << 20);
    m_perStep->setToolTip(tr("Generations computed per displayed frame"));
    m_speed = new QSpinBox(run);
    m_speed->setRange(1, 240);
    m_speed->setSuffix(tr(" frames/s"));
    m_stepN = new QSpinBox(run);
    m_stepN->setRange(1, 1 << 30);
    m_stopStable = new QCheckBox(tr("Stop when stable"), run);
    m_stopStable->setToolTip(
        tr("Pause when the board becomes a still life or an oscillator (period up to 1000)"));
    runForm->addRow(tr("Generations/frame"), m_perStep);
    runForm->addRow(tr("Speed"), m_speed);
    runForm->addRow(tr("N"), m_stepN);
    runForm->addRow(m_stopStable);
    runGrid->addLayout(runForm, 2, 0, 1, 2);
    layout->addWidget(run);

    // Rule and board
    auto* board = new QGroupBox(tr("Rule and board"), body);
    auto* boardForm = new QFormLayout(board);
    m_rule = new QLineEdit(board);
    m_rule->setObjectName(QStringLiteral("life.rule"));
    m_rule->setToolTip(tr("B/S notation: B3/S23 (Life), B36/S23 (HighLife), B2/S (Seeds), "
                          "B3678/S34678 (Day & Night); also 23/3"));
    m_topology = new QComboBox(board);
    m_topology->addItem(tr("Torus (wraps around)"), int(life::Topology::Torus));
    m_topology->addItem(tr("Plane (dead border)"), int(life::Topology::Plane));
    m_topology->addItem(tr("Unbounded (HashLife)"), int(life::Topology::Unbounded));
    m_engine = new QComboBox(board);
    m_engine->addItem(tr("Bit-packed CPU (fast)"), QStringLiteral("bitpacked"));
    m_engine->addItem(tr("GPU (OpenGL compute)"), QStringLiteral("gpu"));
    m_engine->addItem(tr("Naive CPU (reference)"), QStringLiteral("naive"));
    m_width = new QSpinBox(board);
    m_height = new QSpinBox(board);
    for (QSpinBox* s : {m_width, m_height})
        s->setRange(1, 65536);
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), board));
    sizeRow->addWidget(m_height);
    auto* applySize = new QPushButton(tr("Resize"), board);
    sizeRow->addWidget(applySize);
    boardForm->addRow(tr("Rule"), m_rule);
    boardForm->addRow(tr("Topology"), m_topology);
    boardForm->addRow(tr("Engine"), m_engine);
    boardForm->addRow(tr("Size"), sizeRow);
    m_density = new QDoubleSpinBox(board);
    m_density->setRange(0, 1);
    m_density->setSingleStep(0.05);
    m_density->setDecimals(3);
    m_seed = new QSpinBox(board);
    m_seed->setRange(0, 1 << 30);
    auto* soup = new QPushButton(tr("Random soup"), board);
    soup->setObjectName(QStringLiteral("life.soup"));
    boardForm->addRow(tr("Density"), m_density);
    boardForm->addRow(tr("Seed"), m_seed);
    boardForm->addRow(soup);
    layout->addWidget(board);

    // View and edit tools
    auto* edit = new QGroupBox(tr("Edit and view"), body);
    auto* editLayout = new QVBoxLayout(edit);
    auto* tools = new QHBoxLayout;
    m_draw = new QToolButton(edit);
    m_draw->setText(tr("Draw"));
    m_select = new QToolButton(edit);
    m_select->setText(tr("Select"));
    m_pan = new QToolButton(edit);
    m_pan->setText(tr("Pan"));
    auto* group = new QButtonGroup(edit);
    for (QToolButton* b : {m_draw, m_select, m_pan}) {
        b->setCheckable(true);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        group->addButton(b);
        tools->addWidget(b);
    }
    m_draw->setChecked(true);
    editLayout->addLayout(tools);
    auto* ops = new QGridLayout;
    const struct {
        QString text;
        std::function<void()> fn;
    } buttons[] = {{tr("Clear"), [lab] { lab->clearSelection(); }},
                   {tr("Fill random"), [lab] { lab->randomFillSelection(); }},
                   {tr("Rotate ⟳"), [lab] { lab->transformSelection(0); }},
                   {tr("Flip ↔"), [lab] { lab->transformSelection(2); }},
                   {tr("Copy"), [lab] { lab->copySelection(); }},
                   {tr("Paste"), [lab] { lab->paste(); }}};
    int i = 0;
    for (const auto& b : buttons) {
        auto* button = new QPushButton(b.text, edit);
        connect(button, &QPushButton::clicked, this, b.fn);
        ops->addWidget(button, i / 2, i % 2);
        ++i;
    }
    editLayout->addLayout(ops);
    m_grid = new QCheckBox(tr("Grid lines"), edit);
    m_ages = new QCheckBox(tr("Colour cells by age"), edit);
    editLayout->addWidget(m_grid);
    editLayout->addWidget(m_ages);
    layout->addWidget(edit);
    layout->addStretch(1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    setWidget(scroll);

    LifeModel* model = lab->model();
    connect(m_play, &QPushButton::clicked, lab, &LifeLab::togglePlay);
    connect(step, &QPushButton::clicked, lab, &LifeLab::stepOnce);
    connect(stepN, &QPushButton::clicked, lab, &LifeLab::stepN);
    connect(reset, &QPushButton::clicked, lab, &LifeLab::reset);
    connect(soup, &QPushButton::clicked, lab, &LifeLab::randomSoup);
    connect(applySize, &QPushButton::clicked, this,
            [this] { m_lab->resizeBoard(m_width->value(), m_height->value()); });
    connect(lab, &LifeLab::playingChanged, this,
            [this](bool playing) { m_play->setText(playing ? tr("Pause") : tr("Play")); });
    connect(m_rule, &QLineEdit::editingFinished, this, &LifeControlsPanel::commitRule);
    connect(m_topology, &QComboBox::currentIndexChanged, this,
            [this] { commit(tr("Change topology")); });
    connect(m_engine, &QComboBox::currentIndexChanged, this,
            [this] { commit(tr("Change engine")); });
    connect(m_perStep, &QSpinBox::valueChanged, this,
            [this] { commit(tr("Change generations per frame")); });
    connect(m_speed, &QSpinBox::valueChanged, this, [this] { commit(tr("Change speed")); });
    connect(m_stepN, &QSpinBox::valueChanged, this, [this] { commit(tr("Change N")); });
    connect(m_stopStable, &QCheckBox::toggled, this,
            [this] { commit(tr("Toggle stop when stable")); });
    connect(m_grid, &QCheckBox::toggled, this, [this] { commit(tr("Toggle grid")); });
    connect(m_ages, &QCheckBox::toggled, this, [this] { commit(tr("Toggle ages")); });
    connect(m_density, &QDoubleSpinBox::valueChanged, this,
            [this] { commit(tr("Change density")); });
    connect(m_seed, &QSpinBox::valueChanged, this, [this] { commit(tr("Change seed")); });
    connect(group, &QButtonGroup::buttonClicked, this, [this](QAbstractButton* b) {
        if (LifeCanvas* c = m_lab->canvas())
            c->setTool(b == m_draw     ? LifeCanvas::Tool::Draw
                       : b == m_select ? LifeCanvas::Tool::Select
                                       : LifeCanvas::Tool::Pan);
    });
    connect(model, &LifeModel::settingsChanged, this, &LifeControlsPanel::requestRefresh);
    // Only a new board size concerns this panel (snapshots arrive up to 60 times a second).
    connect(model, &LifeModel::boardChanged, this, [this] {
        const life::Board& b = m_lab->model()->board();
        if (m_width->value() != int(b.width()) || m_height->value() != int(b.height()))
            requestRefresh();
    });
    refresh();
}

void LifeControlsPanel::commitRule() {
    const QString text = m_rule->text().trimmed();
    try {
        const life::Rule rule = life::Rule::parse(text.toStdString());
        m_rule->setStyleSheet(QString());
        m_rule->setToolTip(QString());
        LifeSettings s = m_lab->model()->settings();
        s.rule = QString::fromStdString(rule.toString());
        if (s != m_lab->model()->settings())
            m_lab->undoStack()->push(
                new SetLifeSettingsCmd(m_lab->model(), s, tr("Change rule to %1").arg(s.rule)));
        m_rule->setText(s.rule);
    } catch (const util::Error& e) {
        // Keep the old rule running; show what is wrong where the user typed.
        m_rule->setStyleSheet(QStringLiteral("QLineEdit { background: #5a2020; }"));
        m_rule->setToolTip(QString::fromUtf8(e.what()));
        Q_EMIT m_lab->statusMessage(tr("Rule not changed: %1").arg(QString::fromUtf8(e.what())),
                                    10000);
    }
}

void LifeControlsPanel::commit(const QString& what) {
    LifeSettings s = m_lab->model()->settings();
    s.topology = life::Topology(m_topology->currentData().toInt());
    s.engine = m_engine->currentData().toString();
    s.generationsPerStep = m_perStep->value();
    s.stepsPerSecond = m_speed->value();
    s.stepN = m_stepN->value();
    s.stopWhenStable = m_stopStable->isChecked();
    s.showGrid = m_grid->isChecked();
    s.showAges = m_ages->isChecked();
    s.soupDensity = m_density->value();
    s.seed = quint64(m_seed->value());
    if (s != m_lab->model()->settings())
        m_lab->undoStack()->push(new SetLifeSettingsCmd(m_lab->model(), s, what));
}

void LifeControlsPanel::refresh() {
    const LifeSettings& s = m_lab->model()->settings();
    const QSignalBlocker b1(m_topology), b2(m_engine), b3(m_perStep), b4(m_speed), b5(m_stepN),
        b6(m_stopStable), b7(m_grid), b8(m_ages), b9(m_density), b10(m_seed), b11(m_width),
        b12(m_height);
    if (!m_rule->hasFocus()) {
        m_rule->setText(s.rule);
        m_rule->setStyleSheet(QString());
    }
    m_topology->setCurrentIndex(std::max(0, m_topology->findData(int(s.topology))));
    m_engine->setCurrentIndex(std::max(0, m_engine->findData(s.engine)));
    m_perStep->setValue(s.generationsPerStep);
    m_speed->setValue(s.stepsPerSecond);
    m_stepN->setValue(s.stepN);
    m_stopStable->setChecked(s.stopWhenStable);
    m_grid->setChecked(s.showGrid);
    m_ages->setChecked(s.showAges);
    m_density->setValue(s.soupDensity);
    m_seed->setValue(int(std::min<quint64>(s.seed, 1 << 30)));
    m_width->setValue(int(m_lab->model()->board().width()));
    m_height->setValue(int(m_lab->model()->board().height()));
}

} // namespace algoscope::ui
