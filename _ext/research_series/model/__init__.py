"""The series' facts without Sphinx: papers, their metadata, the series, exports.

Nothing here imports Sphinx or docutils (a test walks the imports), so every
rule about what a paper is and what it says is unit-tested without a build and
shared by the reading layer, every output wing and the editor's commands.
"""
