// Build 2 regenerated Gains (its weight file changed) with the new weights, and left Other alone.
List<String> log = new File(basedir, 'build.log').readLines('UTF-8')
String generatedGains = '[INFO] rnnc: gains.yaml -> it/weights/Gains.java'
int first = log.indexOf('[INFO] rnnc: generated 2 specs')
int second = log.indexOf('[INFO] rnnc: generated 1 spec, 1 up to date')
assert first >= 0 && second > first
List<String> secondBuild = log.subList(first + 1, second)
assert secondBuild.any { it.contains('Copying 1 resource') }
assert secondBuild.contains(generatedGains)
assert !secondBuild.any { it.contains('other.yaml') }

String gains = new File(basedir, 'target/generated-sources/rnnc/it/weights/Gains.java').getText('UTF-8')
assert gains.contains('3.875')
assert !gains.contains('1.25')
assert new File(basedir, 'target/generated-sources/rnnc/it/weights/Other.java').isFile()
