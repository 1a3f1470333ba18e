using ClipGeometry.Client;

return ClipGeoCli.Run(args);
