// Every problem of every spec is in the log as file:line:column: error: message, with the
// source line, a caret and the hint; the build failed, and not even the good spec was written.
List<String> log = new File(basedir, 'build.log').readLines('UTF-8')
String specs = new File(basedir, 'src/main/rnnc/models').path

void expectBlock(List<String> log, List<String> block) {
  int at = log.indexOf(block[0])
  assert at >= 0 : "missing in build.log: ${block[0]}"
  assert log.subList(at, at + block.size()) == block
}

expectBlock(log, [
    "[ERROR] ${specs}/bad.yaml:12:20: error: unknown neuron or group 'ot'".toString(),
    "      - {from: h1, to: ot, weight: 1.0}",
    "                       ^",
    "  hint: did you mean 'out'?"])
expectBlock(log, [
    "[ERROR] ${specs}/bad.yaml:14:12: error: unknown neuron, group or input 'h3'".toString(),
    "      - {from: h3, to: out, weight: 1.0}",
    "               ^",
    "  hint: did you mean 'h1'?"])
expectBlock(log, [
    ("[ERROR] ${specs}/broken.yaml:10:38: error: cannot read weight file "
        + "'${specs}/missing.npy': no such file").toString(),
    "      - {from: x, to: h, weights: {file: missing.npy}}",
    "                                         ^"])
assert log.any { it.contains('rnnc: 3 errors in 2 specs') }
assert log.contains('[INFO] BUILD FAILURE')

assert !new File(basedir, 'target/generated-sources/rnnc').exists()
assert !new File(basedir, 'target/rnnc').exists()
