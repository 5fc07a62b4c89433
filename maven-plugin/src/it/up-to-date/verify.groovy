// Build 1 generated and compiled both specs; build 2 found them up to date, rewrote nothing,
// and so the compiler plugin saw no changed source.
List<String> log = new File(basedir, 'build.log').readLines('UTF-8')
int first = log.indexOf('[INFO] rnnc: generated 2 specs')
int second = log.indexOf('[INFO] rnnc: 2 specs up to date')
assert first >= 0 && second > first
assert log.subList(first, second).any { it.contains('Compiling 2 source files') }
List<String> rest = log.subList(second, log.size())
assert rest.contains('[INFO] Nothing to compile - all classes are up to date.')
assert !rest.any { it.contains('rnnc: ') && it.contains(' -> ') }
assert !rest.any { it.contains('Compiling ') }

File generated = new File(basedir, 'target/generated-sources/rnnc/it/uptodate/Scale.java')
File compiled = new File(basedir, 'target/classes/it/uptodate/Scale.class')
assert generated.lastModified() <= compiled.lastModified()
assert new File(basedir, 'target/rnnc/default.state').isFile()
